import type { Knex } from "knex";
import { z } from "zod";

/** The stats' window: days or timestamps, `to` inclusive when a day. */
export const statsRangeSchema = z.object({
  from: z.iso.date().or(z.iso.datetime()).optional(),
  to: z.iso.date().or(z.iso.datetime()).optional(),
});
export type StatsRange = z.infer<typeof statsRangeSchema>;

/** A sequence's numbers: enrolments by state and exit, mail by outcome, per step and per day. */
export async function sequenceStats(db: Knex, tenantId: string, sequence: { id: string; version: number }, range: StatsRange) {
  const sequenceId = sequence.id;
  const inRange = (q: Knex.QueryBuilder, column: string) => {
    if (range.from) q.where(column, ">=", range.from);
    if (range.to) q.where(column, "<", range.to.length === 10 ? db.raw("?::date + 1", [range.to]) : range.to);
    return q;
  };
  const e = inRange(db("enrollments").where({ tenant_id: tenantId, sequence_id: sequenceId }), "enrolled_at");
  const m = inRange(db("email_messages").where({ tenant_id: tenantId, sequence_id: sequenceId }), "created_at");
  const [enrolments, exits, mail, steps, daily, stepTypes] = await Promise.all([
    e.clone().first(
      db.raw(`count(*)::int AS enrolled, count(*) FILTER (WHERE status = 'active')::int AS active,
      count(*) FILTER (WHERE status = 'completed')::int AS completed, count(*) FILTER (WHERE status = 'exited')::int AS exited`),
    ),
    e.clone().where("status", "exited").groupBy("exit_reason").select("exit_reason", db.raw("count(*)::int AS n")),
    m.clone().first(
      db.raw(`count(*) FILTER (WHERE status IN ('sent', 'bounced'))::int AS sent, count(opened_at)::int AS opened, count(clicked_at)::int AS clicked,
      count(replied_at)::int AS replied, count(unsubscribed_at)::int AS unsubscribed, count(*) FILTER (WHERE status = 'bounced')::int AS bounced,
      count(*) FILTER (WHERE status = 'unknown')::int AS unknown, count(*) FILTER (WHERE status = 'failed')::int AS failed`),
    ),
    m
      .clone()
      .groupBy("step")
      .orderBy("step")
      .select(
        "step",
        db.raw(`count(*) FILTER (WHERE status IN ('sent', 'bounced'))::int AS sent, count(opened_at)::int AS opened,
      count(clicked_at)::int AS clicked, count(replied_at)::int AS replied`),
      ),
    m
      .clone()
      .whereNotNull("sent_at")
      .groupByRaw("1")
      .orderByRaw("1")
      .select(
        db.raw(`to_char(date_trunc('day', sent_at), 'YYYY-MM-DD') AS date, count(*)::int AS sent,
      count(opened_at)::int AS opened, count(clicked_at)::int AS clicked, count(replied_at)::int AS replied`),
      ),
    db("sequence_steps").where({ sequence_id: sequenceId, version: sequence.version }).select("step", "type"),
  ]);
  const exitsBy = Object.fromEntries(exits.map((x: { exit_reason: string; n: number }) => [x.exit_reason, x.n]));
  const types = new Map(stepTypes.map((t: { step: number; type: string }) => [t.step, t.type]));
  return {
    ...enrolments,
    ...mail,
    unsubscribed: Math.max(mail.unsubscribed, exitsBy.unsubscribed ?? 0),
    converted: exitsBy.converted ?? 0,
    exits: exitsBy,
    steps: steps.map((s: { step: number }) => ({ ...s, type: types.get(s.step) ?? "email" })),
    daily,
  };
}
