import type { DbRow } from "../db.ts";
import type { JobContext, JobResult } from "../context.ts";
import { assignmentSettingsFrom } from "./rules.ts";
import { addTimelineEntry } from "../lead/timeline.ts";
import type { RuleSets } from "../rules/rule-sets.ts";
import { queueNotification } from "../notifications/queue-notification.ts";
import { assignLead } from "./assign-lead.ts";
import { leadDisplayName } from "../lead/record.ts";

const BATCH = 200;

/**
 * SLA timers, run every minute: a lead its owner has not contacted (no call, email, meeting or note
 * by them, status still new) by its rule's deadline is reassigned to the next available rep by the
 * rules, the owner who missed it excluded, or escalated; either way the lead's timeline says so
 * and the team's manager is told. When nobody else can take it, the reassignment becomes an
 * escalation, so no lead waits on an empty team unseen.
 */
export async function checkSlaTimers(ctx: JobContext): Promise<JobResult> {
  const { db } = ctx;
  const tenants = new Map<string, { sets: RuleSets; settings: ReturnType<typeof assignmentSettingsFrom>; timeZone: string }>();
  let reassigned = 0;
  let escalated = 0;
  for (;;) {
    const now = ctx.clock.now();
    const n = await db.transaction(async (trx) => {
      const leads = await trx("leads as l")
        .leftJoin("assignment_rules as r", "r.id", "l.assignment_rule_id")
        .leftJoin("users as o", "o.id", "l.owner_id")
        .leftJoin("teams as t", "t.id", "l.team_id")
        .whereNotNull("l.sla_due_at")
        .whereNull("l.first_contacted_at")
        .where("l.status", "new")
        .whereNull("l.deleted_at")
        .where("l.sla_due_at", "<=", now)
        .orderBy("l.sla_due_at")
        .limit(BATCH)
        .forUpdate("l")
        .skipLocked()
        .select("l.*", "r.sla_action", "r.sla_minutes", "r.name as rule_name", "o.name as owner_name", "t.manager_id");
      for (const lead of leads) {
        let tenant = tenants.get(lead.tenant_id);
        if (!tenant) {
          const row = await trx("tenants").where("id", lead.tenant_id).first(trx.raw("settings->'assignment' as assignment"), "time_zone");
          tenant = {
            sets: await ctx.rules.current(lead.tenant_id),
            settings: assignmentSettingsFrom(row.assignment),
            timeZone: row.time_zone,
          };
          tenants.set(lead.tenant_id, tenant);
        }
        const missed = `SLA missed: not contacted within ${lead.sla_minutes ?? "?"} min by ${lead.owner_name ?? "its owner"}`;
        let outcome: string;
        if (lead.sla_action !== "escalate") {
          const r = await assignLead(trx, {
            slots: ctx.slots,
            tenantId: lead.tenant_id,
            lead,
            sets: tenant.sets,
            settings: tenant.settings,
            tenantTimeZone: tenant.timeZone,
            now,
            exclude: lead.owner_id,
            cause: missed,
          });
          if (r.rep) {
            reassigned++;
            outcome = `reassigned to ${r.rep.name} (${r.why})`;
            await notifyManager(trx, lead, now, "sla_reassigned", `${missed}; ${outcome}`);
            continue;
          }
        }
        escalated++;
        outcome = "escalated to the manager";
        await trx("leads").where("id", lead.id).update({ sla_due_at: null, sla_breached_at: now, updated_at: now });
        await addTimelineEntry(trx, lead.tenant_id, lead.id, now, {
          action: "lead.sla_escalated",
          title: "SLA missed: escalated",
          body: `${missed}; ${outcome}`,
          data: { owner_id: lead.owner_id, rule_id: lead.assignment_rule_id },
        });
        await notifyManager(trx, lead, now, "sla_escalated", `${missed}; ${outcome}`);
      }
      return leads.length;
    });
    if (n < BATCH) break;
  }
  return { outcome: "done", detail: `${reassigned} reassigned, ${escalated} escalated` };
}

/** The team's manager, else the tenant's admins: someone is told. */
async function notifyManager(
  trx: Parameters<typeof addTimelineEntry>[0],
  lead: DbRow,
  now: Date,
  kind: "sla_reassigned" | "sla_escalated",
  text: string,
) {
  const managers: { id: string }[] = lead.manager_id
    ? [{ id: lead.manager_id }]
    : await trx("users").where({ tenant_id: lead.tenant_id, role: "admin", is_active: true }).whereNull("deleted_at").select("id");
  const name = leadDisplayName(lead);
  for (const m of managers) {
    await queueNotification(trx, {
      tenantId: lead.tenant_id,
      userId: m.id,
      leadId: lead.id,
      kind,
      digest: false,
      now,
      subject: `${kind === "sla_escalated" ? "Escalated" : "Reassigned"}: ${name} (${lead.lead_number})`,
      body: text,
    });
  }
}
