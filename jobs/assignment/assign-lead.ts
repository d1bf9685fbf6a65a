import type { Knex } from "knex";
import { availability, pickRep, type Rep } from "../../core/assignment/pick.ts";
import { openLeadCounts } from "../../core/assignment/open-leads.ts";
import type { AssignmentSettings } from "../../core/assignment/rules.ts";
import { addTimelineEntry } from "../../core/lead/timeline.ts";
import type { RuleSets } from "../../core/rules/rule-sets.ts";
import { queueNotification } from "../notifications/queue-notification.ts";

const REP_COLUMNS = ["id", "name", "email", "weight", "capacity", "working_hours", "time_zone", "out_of_office", "notify_new_leads"];
const STRATEGY_NAMES = { round_robin: "round robin", weighted: "weighted round robin", least_loaded: "least loaded" } as const;

export interface AssignInput {
  tenantId: string;
  /** The lead as stored (fields the rules read), with its number. */
  lead: Record<string, any> & { id: string; lead_number: string };
  sets: RuleSets;
  settings: AssignmentSettings;
  tenantTimeZone: string;
  now: Date;
  /** Who must not get it again (an SLA reassignment). */
  exclude?: string | null;
  /** Why it is being assigned, for the timeline: "new lead", "SLA missed by …". */
  cause: string;
}

export interface Assigned {
  ownerId: string | null;
  ruleId: string | null;
  why: string;
}

/**
 * Picks the owner of a lead by the tenant's ordered rules (first match wins) and writes it: the
 * lead's owner, team, rule, version and SLA deadline, a timeline entry saying who, which rule and
 * why, and the owner's notification. A team's pick happens under the team row's lock, so
 * concurrent assignments advance its round-robin pointer one at a time. Nobody available (or no
 * rule matched): the tenant's fallback owner, else the lead stays unassigned, saying why.
 */
export async function assignLead(trx: Knex.Transaction, input: AssignInput): Promise<Assigned> {
  const { lead, now } = input;
  const rule = input.sets.route(lead, now);
  let picked: { rep: Rep; why: string; byRule: boolean } | null = null;
  let refused: string | null = null;
  /** Why a rep cannot take the lead now, or undefined when they can. */
  const unavailable = (rep: Rep, open: number) => (rep.id === input.exclude ? "the owner who missed the SLA" : availability(rep, open, input.tenantTimeZone, now).why);

  if (rule?.target_user_id) {
    const rep = await trx("users").where({ id: rule.target_user_id, is_active: true }).whereNull("deleted_at").first<Rep | undefined>(REP_COLUMNS);
    const open = rep?.capacity != null ? (await openLeadCounts(trx, [rep.id])).get(rep.id) ?? 0 : 0;
    const no = rep && unavailable(rep, open);
    if (rep && !no) picked = { rep, why: `rule "${rule.name}"`, byRule: true };
    else refused = rep ? `${rep.name}: ${no}` : "its user is inactive";
  } else if (rule?.target_team_id) {
    const team = await trx("teams").where({ id: rule.target_team_id, is_active: true }).whereNull("deleted_at").forUpdate().first("id", "name", "rr_position");
    const members: Rep[] = team
      ? await trx("users").where({ team_id: team.id, is_active: true }).whereIn("role", ["rep", "manager"]).whereNull("deleted_at").orderBy([{ column: "created_at" }, { column: "id" }]).select(REP_COLUMNS)
      : [];
    const needCounts = rule.strategy === "least_loaded" || members.some((m) => m.capacity !== null);
    const counts = needCounts ? await openLeadCounts(trx, members.map((m) => m.id)) : new Map<string, number>();
    const open = (rep: Rep) => counts.get(rep.id) ?? 0;
    const pick = pickRep(members, rule.strategy, Number(team?.rr_position ?? 0), (rep) => !unavailable(rep, open(rep)), open);
    if (pick) {
      await trx("teams").where("id", team.id).update({ rr_position: pick.next });
      picked = { rep: pick.rep, why: `rule "${rule.name}" (${team.name}, ${STRATEGY_NAMES[rule.strategy]})`, byRule: true };
    } else {
      refused = team ? `nobody in ${team.name} is available` : "its team is inactive";
    }
  }

  if (!picked && input.settings.fallback_user_id && input.settings.fallback_user_id !== input.exclude) {
    const rep = await trx("users").where({ id: input.settings.fallback_user_id, is_active: true }).whereNull("deleted_at").first<Rep | undefined>(REP_COLUMNS);
    if (rep) picked = { rep, why: rule ? `fallback owner (rule "${rule.name}": ${refused})` : "fallback owner (no rule matched)", byRule: false };
  }

  const version = input.sets.assignmentVersion;
  if (!picked) {
    const reason = rule ? `rule "${rule.name}": ${refused}, and no fallback owner` : "no rule matched and no fallback owner";
    await addTimelineEntry(trx, input.tenantId, lead.id, now, { action: "lead.unassigned", title: "Not assigned", body: `${reason} (assignment rules v${version})`, data: { rule_id: rule?.id ?? null, version, cause: input.cause } });
    return { ownerId: null, ruleId: rule?.id ?? null, why: reason };
  }

  const { rep } = picked;
  const sla = picked.byRule ? rule!.sla_minutes : null;
  await trx("leads")
    .where("id", lead.id)
    .update({
      owner_id: rep.id, team_id: picked.byRule ? rule!.target_team_id : null,
      assignment_rule_id: rule?.id ?? null, assignment_version: version, assigned_at: now,
      sla_due_at: sla ? new Date(now.getTime() + sla * 60_000) : null, updated_at: now,
    });
  await addTimelineEntry(trx, input.tenantId, lead.id, now, {
    action: "lead.assigned",
    title: `Assigned to ${rep.name}`,
    body: `${input.cause}: ${picked.why}, assignment rules v${version}${sla ? `; to be contacted within ${sla} min` : ""}`,
    data: { owner_id: rep.id, rule_id: rule?.id ?? null, rule: rule?.name ?? null, version, by: "rules", cause: input.cause, previous_owner_id: lead.owner_id ?? null },
  });
  if (rep.notify_new_leads !== "off") {
    const name = [lead.first_name, lead.last_name].filter(Boolean).join(" ") || lead.email || lead.phone_e164 || lead.lead_number;
    await queueNotification(trx, {
      tenantId: input.tenantId, userId: rep.id, leadId: lead.id, kind: "lead_assigned", digest: rep.notify_new_leads === "digest", now,
      subject: `New lead: ${name}${lead.company ? ` (${lead.company})` : ""}`,
      body: [`${lead.lead_number} was assigned to you (${picked.why}).`, lead.email && `Email: ${lead.email}`, lead.phone_e164 && `Phone: ${lead.phone_e164}`,
        lead.source && `Source: ${lead.source}`, lead.lead_score != null && `Score: ${lead.lead_score}${lead.grade ? ` (${lead.grade})` : ""}`].filter(Boolean).join("\n"),
    });
  }
  return { ownerId: rep.id, ruleId: rule?.id ?? null, why: picked.why };
}
