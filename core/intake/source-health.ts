import type { Knex } from "knex";
import type { JobContext, JobResult } from "../context.ts";

/** A source is silent when its quiet time exceeds this many of its usual gaps (and an hour). */
export const SILENCE_FACTOR = 4;
/** An error rate this much above the source's weekly rate, over at least 20 deliveries in 24 h, alerts. */
export const ERROR_JUMP = { min: 0.2, factor: 3, deliveries: 20 };

interface SourceStat {
  tenant_id: string;
  source_id: string;
  source_type: "partner" | "form";
  name: string;
  last_at: Date;
  deliveries_7d: number;
  span_s: number;
  failed_24h: number;
  total_24h: number;
  failed_7d: number;
}

async function stats(db: Knex, since: Date, day: Date): Promise<SourceStat[]> {
  const { rows } = await db.raw(
    `SELECT e.tenant_id, coalesce(e.partner_id, e.form_id) AS source_id,
            CASE WHEN e.partner_id IS NOT NULL THEN 'partner' ELSE 'form' END AS source_type,
            coalesce(p.name, f.name) AS name, max(e.created_at) AS last_at, count(*)::int AS deliveries_7d,
            extract(epoch FROM max(e.created_at) - min(e.created_at))::float AS span_s,
            count(*) FILTER (WHERE e.created_at >= ? AND e.status = 'failed')::int AS failed_24h,
            count(*) FILTER (WHERE e.created_at >= ?)::int AS total_24h,
            count(*) FILTER (WHERE e.status = 'failed')::int AS failed_7d
     FROM inbound_events e
     LEFT JOIN partners p ON p.id = e.partner_id
     LEFT JOIN forms f ON f.id = e.form_id
     WHERE e.created_at >= ? AND (e.partner_id IS NOT NULL OR e.form_id IS NOT NULL)
     GROUP BY 1, 2, 3, 4`,
    [day, day, since],
  );
  return rows;
}

async function raise(ctx: JobContext, s: SourceStat, kind: "silent" | "error_rate", message: string): Promise<void> {
  const [alert] = await ctx
    .db("alerts")
    .insert({ tenant_id: s.tenant_id, source_type: s.source_type, source_id: s.source_id, kind, message })
    .onConflict(ctx.db.raw("(tenant_id, source_type, source_id, kind) WHERE resolved_at IS NULL"))
    .ignore()
    .returning("id");
  if (!alert || !ctx.mailer) return;
  const admins = await ctx
    .db("users")
    .where({ tenant_id: s.tenant_id, role: "admin", is_active: true })
    .whereNull("deleted_at")
    .pluck("email");
  if (admins.length)
    await ctx.mailer.send({
      to: admins,
      subject: `leadhub alert: ${s.name}`,
      text: `${message}\n\nOpen the console's source health page for details.`,
    });
}

/**
 * Hourly: a partner or form that went silent for longer than its usual gap, or whose error rate
 * jumped, raises one alert (shown in the console, mailed to the tenant's admins); a source that
 * recovers resolves it.
 */
export async function checkSources(ctx: JobContext): Promise<JobResult> {
  const now = ctx.clock.now();
  const all = await stats(ctx.db, new Date(now.getTime() - 7 * 24 * 3600_000), new Date(now.getTime() - 24 * 3600_000));
  let raised = 0;
  for (const s of all) {
    const usualGap = s.deliveries_7d > 1 ? s.span_s / (s.deliveries_7d - 1) : Infinity;
    const quiet = (now.getTime() - new Date(s.last_at).getTime()) / 1000;
    const silent = s.deliveries_7d >= 5 && quiet > Math.max(3600, usualGap * SILENCE_FACTOR);
    const rate24 = s.total_24h ? s.failed_24h / s.total_24h : 0;
    const rate7 = s.failed_7d / s.deliveries_7d;
    const failing = s.total_24h >= ERROR_JUMP.deliveries && rate24 >= ERROR_JUMP.min && rate24 >= rate7 * ERROR_JUMP.factor;
    for (const [kind, on, message] of [
      ["silent", silent, `${s.name} has sent nothing for ${Math.round(quiet / 3600)} h (usually every ${Math.round(usualGap / 60)} min)`],
      [
        "error_rate",
        failing,
        `${s.name}: ${Math.round(rate24 * 100)}% of deliveries failed in the last 24 h (usually ${Math.round(rate7 * 100)}%)`,
      ],
    ] as const) {
      if (on) {
        await raise(ctx, s, kind, message);
        raised++;
      } else {
        await ctx
          .db("alerts")
          .where({ tenant_id: s.tenant_id, source_type: s.source_type, source_id: s.source_id, kind })
          .whereNull("resolved_at")
          .update({ resolved_at: now, updated_at: now });
      }
    }
  }
  return { outcome: "checked", detail: `${all.length} sources, ${raised} alerting` };
}
