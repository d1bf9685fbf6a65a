import type { DbRow } from "../db.ts";
import type { Knex } from "knex";
import { availability, pickRep, type Rep } from "./pick.ts";
import { openLeadCounts } from "./open-leads.ts";
import type { RoundRobinSlots } from "./slots.ts";
import type { AssignmentRule, AssignmentSettings } from "./rules.ts";
import { insertAll } from "../db.ts";
import { eventRow, leadPayload } from "../events/outbox.ts";
import { timelineRow } from "../lead/timeline.ts";
import type { RuleSets } from "../rules/rule-sets.ts";
import { notificationRow } from "../notifications/queue-notification.ts";
import { leadDisplayName } from "../lead/record.ts";

const REP_COLUMNS = ["id", "name", "email", "weight", "capacity", "working_hours", "time_zone", "out_of_office", "notify_new_leads"];
const STRATEGY_NAMES = { round_robin: "round robin", weighted: "weighted round robin", least_loaded: "least loaded" } as const;

export interface AssignInput {
  slots: Pick<RoundRobinSlots, "take" | "skipTo">;
  tenantId: string;
  /** The lead as the rules read it (stored fields), with its number. */
  lead: DbRow & { lead_number: string };
  sets: RuleSets;
  settings: AssignmentSettings;
  tenantTimeZone: string;
  now: Date;
  /** Who must not get it again (an SLA reassignment). */
  exclude?: string | null;
  /** Why it is being assigned, for the timeline: "New lead", "SLA missed: …". */
  cause: string;
  /** Open leads per rep not yet written (an import's batch picks before its one insert): they count toward capacity and load. */
  pending?: Map<string, number>;
  /** Reads shared by a batch's picks (reps, team members, open counts as the batch began): one query each, not one per lead. */
  cache?: Map<string, Promise<unknown>>;
}

/**
 * The read, once per cache (a batch), or each time without one. A knex builder runs its query each
 * time it is awaited: it is turned into one promise here, so the cache holds the answer, not the query.
 */
function once<T>(cache: Map<string, Promise<unknown>> | undefined, key: string, read: () => PromiseLike<T>): Promise<T> {
  if (!cache) return Promise.resolve(read());
  let hit = cache.get(key) as Promise<T> | undefined;
  if (!hit) cache.set(key, (hit = Promise.resolve(read())));
  return hit;
}

/** An active user as a rep (a rule's target or the fallback owner), once per batch. */
const activeRep = (trx: Knex.Transaction, input: AssignInput, id: string) =>
  once(input.cache, `rep:${id}`, () =>
    trx("users").where({ id, is_active: true }).whereNull("deleted_at").first<Rep | undefined>(REP_COLUMNS),
  );

/** Who takes a team's leads, in the order its pointer walks them: active reps and managers, oldest first. */
async function teamMembers(trx: Knex, teamIds: string[]): Promise<Map<string, Rep[]>> {
  const rows: (Rep & { team_id: string })[] = await trx("users")
    .whereIn("team_id", teamIds)
    .where("is_active", true)
    .whereIn("role", ["rep", "manager"])
    .whereNull("deleted_at")
    .orderBy([{ column: "created_at" }, { column: "id" }])
    .select([...REP_COLUMNS, "team_id"]);
  const byTeam = new Map<string, Rep[]>();
  for (const { team_id, ...rep } of rows) byTeam.set(team_id, [...(byTeam.get(team_id) ?? []), rep]);
  return byTeam;
}

/** A batch's teams' members read in one query before its picks, into the batch's cache. */
export async function readTeams(trx: Knex, cache: Map<string, Promise<unknown>>, teamIds: string[]): Promise<void> {
  if (!teamIds.length) return;
  const byTeam = await teamMembers(trx, teamIds);
  for (const id of teamIds) cache.set(`members:${id}`, Promise.resolve(byTeam.get(id) ?? []));
}

export interface Assignment {
  rep: Rep | null;
  rule: AssignmentRule | null;
  /** Given by its rule (false: the fallback owner, or nobody). */
  byRule: boolean;
  why: string;
  version: number;
}

/**
 * Picks the owner of a lead by the tenant's ordered rules (first match wins); a team's member by
 * its strategy from the team's next round-robin slot (see RoundRobinSlots). Nobody available (or
 * no rule matched): the tenant's fallback owner, else nobody, saying why. Writes only the pointer.
 */
export async function chooseOwner(trx: Knex.Transaction, input: AssignInput): Promise<Assignment> {
  const { now } = input;
  const rule = input.sets.route(input.lead, now);
  const version = input.sets.assignmentVersion;
  /** Why a rep cannot take the lead now, or undefined when they can. */
  const unavailable = (rep: Rep, open: number) =>
    rep.id === input.exclude ? "the owner who missed the SLA" : availability(rep, open, input.tenantTimeZone, now).why;
  let refused: string | null = null;

  if (rule?.target_user_id) {
    const userId = rule.target_user_id;
    const rep = await activeRep(trx, input, userId);
    const counted = rep?.capacity != null ? await once(input.cache, `open:${userId}`, () => openLeadCounts(trx, [userId])) : null;
    const open = rep && counted ? (counted.get(rep.id) ?? 0) + (input.pending?.get(rep.id) ?? 0) : 0;
    const no = rep && unavailable(rep, open);
    if (rep && !no) return { rep, rule, byRule: true, why: `rule "${rule.name}"`, version };
    refused = rep ? `${rep.name}: ${no}` : "its user is inactive";
  } else if (rule?.target_team_id) {
    const teamId = rule.target_team_id;
    const team = await input.slots.take(teamId);
    const members: Rep[] = team
      ? await once(input.cache, `members:${teamId}`, async () => (await teamMembers(trx, [teamId])).get(teamId) ?? [])
      : [];
    const counts =
      rule.strategy === "least_loaded" || members.some((m) => m.capacity !== null)
        ? await once(input.cache, `open-team:${teamId}`, () =>
            openLeadCounts(
              trx,
              members.map((m) => m.id),
            ),
          )
        : new Map<string, number>();
    const open = (rep: Rep) => (counts.get(rep.id) ?? 0) + (input.pending?.get(rep.id) ?? 0);
    const position = team?.position ?? 0;
    const pick = pickRep(members, rule.strategy, position, (rep) => !unavailable(rep, open(rep)), open);
    if (team && pick) {
      if (pick.next !== position + 1) await input.slots.skipTo(rule.target_team_id, pick.next);
      return { rep: pick.rep, rule, byRule: true, why: `rule "${rule.name}" (${team.name}, ${STRATEGY_NAMES[rule.strategy]})`, version };
    }
    refused = team ? `nobody in ${team.name} is available` : "its team is inactive";
  }

  const fallback = input.settings.fallback_user_id;
  if (fallback && fallback !== input.exclude) {
    const rep = await activeRep(trx, input, fallback);
    if (rep)
      return {
        rep,
        rule,
        byRule: false,
        why: rule ? `fallback owner (rule "${rule.name}": ${refused})` : "fallback owner (no rule matched)",
        version,
      };
  }
  return {
    rep: null,
    rule,
    byRule: false,
    why: rule ? `rule "${rule.name}": ${refused}, and no fallback owner` : "no rule matched and no fallback owner",
    version,
  };
}

/** The lead's columns an assignment sets (none when nobody got it). */
export function assignmentColumns(a: Assignment, now: Date): Record<string, unknown> {
  if (!a.rep) return {};
  const sla = a.byRule ? a.rule!.sla_minutes : null;
  return {
    owner_id: a.rep.id,
    team_id: a.byRule ? a.rule!.target_team_id : null,
    assignment_rule_id: a.rule?.id ?? null,
    assignment_version: a.version,
    assigned_at: now,
    sla_due_at: sla ? new Date(now.getTime() + sla * 60_000) : null,
  };
}

/** The timeline entry (who, which rule, why) and the owner's notification, as rows to write with others. */
export function assignmentRows(a: Assignment, input: AssignInput, leadId: string) {
  const { lead, now } = input;
  if (!a.rep) {
    return {
      timeline: timelineRow(input.tenantId, leadId, now, {
        action: "lead.unassigned",
        title: "Not assigned",
        body: `${a.why} (assignment rules v${a.version})`,
        data: { rule_id: a.rule?.id ?? null, version: a.version, cause: input.cause },
      }),
      notification: null,
    };
  }
  const { rep } = a;
  const sla = a.byRule ? a.rule!.sla_minutes : null;
  const name = leadDisplayName(lead);
  return {
    timeline: timelineRow(input.tenantId, leadId, now, {
      action: "lead.assigned",
      title: `Assigned to ${rep.name}`,
      body: `${input.cause}: ${a.why}, assignment rules v${a.version}${sla ? `; to be contacted within ${sla} min` : ""}`,
      data: {
        owner_id: rep.id,
        rule_id: a.rule?.id ?? null,
        rule: a.rule?.name ?? null,
        version: a.version,
        by: "rules",
        cause: input.cause,
        previous_owner_id: lead.owner_id ?? null,
      },
    }),
    notification:
      rep.notify_new_leads === "off"
        ? null
        : notificationRow({
            tenantId: input.tenantId,
            userId: rep.id,
            leadId,
            kind: "lead_assigned",
            digest: rep.notify_new_leads === "digest",
            now,
            subject: `New lead: ${name}${lead.company ? ` (${lead.company})` : ""}`,
            body: [
              `${lead.lead_number} was assigned to you (${a.why}).`,
              lead.email && `Email: ${lead.email}`,
              lead.phone_e164 && `Phone: ${lead.phone_e164}`,
              lead.source && `Source: ${lead.source}`,
              lead.lead_score != null && `Score: ${lead.lead_score}${lead.grade ? ` (${lead.grade})` : ""}`,
            ]
              .filter(Boolean)
              .join("\n"),
          }),
  };
}

/** Assigns a stored lead (an SLA reassignment): choose, write the lead, its timeline entry and the notification. */
export async function assignLead(trx: Knex.Transaction, input: AssignInput & { lead: { id: string } }): Promise<Assignment> {
  const a = await chooseOwner(trx, input);
  if (a.rep)
    await trx("leads")
      .where("id", input.lead.id)
      .update({ ...assignmentColumns(a, input.now), updated_at: input.now });
  const rows = assignmentRows(a, input, input.lead.id);
  const events = a.rep
    ? [
        eventRow({
          tenantId: input.tenantId,
          type: "lead.assigned",
          recordType: "lead",
          recordId: input.lead.id,
          now: input.now,
          payload: { ...leadPayload(input.lead), ...assignmentColumns(a, input.now), rule: a.rule?.name ?? null, cause: input.cause },
        }),
      ]
    : [];
  await insertAll(trx, [
    ["activities", [rows.timeline]],
    ["notifications", rows.notification ? [rows.notification] : []],
    ["outbox_events", events],
  ]);
  return a;
}
