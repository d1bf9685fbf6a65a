import type { Knex } from "knex";
import { addTimelineEntry, timelineRow } from "../lead/timeline.ts";
import { insertJsonRows } from "../db.ts";
import { personHash } from "../privacy/hash.ts";
import type { EnrollmentSource, ExitReason, SuppressionReason } from "../vocabulary.ts";
import { nurtureSettingsFrom, type NurtureSettings } from "./settings.ts";
import { dueAfter, validZone } from "./timing.ts";
import type { Step } from "./sequence.ts";
import type { EnrolRules, Trigger } from "./enrol-rules.ts";

/** A step to run at a time: what a BullMQ delayed job is made from once the enrolment is committed. */
export interface DueStep {
  tenantId: string;
  enrollmentId: string;
  step: number;
  runAt: Date;
}

export const emailKey = (email: unknown) => (typeof email === "string" && email.trim() ? email.trim().toLowerCase() : null);

/** The addresses among these that must get no mail, with why (unsubscribed, bounced, complained, manual). */
export async function suppressedEmails(db: Knex, tenantId: string, emails: (string | null)[]): Promise<Map<string, string>> {
  const keys = [...new Set(emails.filter((e): e is string => !!e))];
  if (!keys.length) return new Map();
  // An erased person's address is kept only as its hash (core/privacy): look for both.
  const hashes = new Map(keys.map((k) => [personHash(tenantId, k), k]));
  const rows = await db("suppressions")
    .where("tenant_id", tenantId)
    .whereIn("email", [...keys, ...hashes.keys()])
    .select("email", "reason");
  return new Map(rows.map((r) => [hashes.get(r.email) ?? r.email, r.reason]));
}

/**
 * Why a lead must leave (or not enter) a sequence, or null. Checked at enrolment and again before
 * every step, so a change made while a step was queued still counts.
 */
export function blockedReason(
  lead: Record<string, unknown>,
  suppression: string | undefined,
  settings: NurtureSettings,
): ExitReason | null {
  if (lead.deleted_at) return "manual";
  if (lead.converted_at || lead.status === "converted") return "converted";
  if (lead.status === "lost") return "lost";
  if (lead.dnd) return "dnd";
  if (suppression) return suppression === "bounced" ? "bounced" : "unsubscribed";
  if (settings.require_consent && !lead.gdpr_consent && !lead.opt_in_at) return "no_consent";
  return null;
}

interface SequenceHead {
  id: string;
  name: string;
  version: number;
  status: string;
}

const LEAD_COLUMNS = [
  "id",
  "email",
  "first_name",
  "last_name",
  "status",
  "dnd",
  "converted_at",
  "gdpr_consent",
  "opt_in_at",
  "deleted_at",
  "time_zone",
];

export interface EnrolResult {
  enrolled: DueStep[];
  /** Leads left out, by reason (already_enrolled, dnd, converted, ...). */
  skipped: Record<string, number>;
  /** Created and exited at once (a single enrolment asked for by hand or API keeps its record). */
  exited: { enrollmentId: string; reason: ExitReason }[];
}

/**
 * Enrols leads in a sequence at its current version, in the caller's transaction. A lead already
 * active in the sequence is skipped (the partial unique index decides, so concurrent calls agree);
 * a lead that may not be mailed is skipped, or with `keepBlocked` enrolled and exited at once.
 */
export async function enrolLeads(
  trx: Knex,
  input: {
    tenantId: string;
    sequence: SequenceHead;
    leadIds: string[];
    source: EnrollmentSource;
    userId: string | null;
    now: Date;
    keepBlocked?: boolean;
  },
): Promise<EnrolResult> {
  const { tenantId, sequence, now } = input;
  const result: EnrolResult = { enrolled: [], skipped: {}, exited: [] };
  const skip = (why: string, n = 1) => void (n && (result.skipped[why] = (result.skipped[why] ?? 0) + n));
  if (sequence.status !== "active") {
    skip(`sequence_${sequence.status}`, input.leadIds.length);
    return result;
  }
  // One after another: a transaction is one connection, and pg runs its queries in turn anyway.
  const tenant = await trx("tenants").where("id", tenantId).first("time_zone", trx.raw("settings->'nurture' as nurture"));
  const first = await trx("sequence_steps").where({ sequence_id: sequence.id, version: sequence.version, step: 1 }).first<Step>();
  const leads = await trx("leads").where("tenant_id", tenantId).whereIn("id", input.leadIds).select(LEAD_COLUMNS);
  skip("not_found", input.leadIds.length - leads.length);
  const settings = nurtureSettingsFrom(tenant.nurture);
  const suppressed = await suppressedEmails(
    trx,
    tenantId,
    leads.map((l) => emailKey(l.email)),
  );

  // A rule enrols a lead once: a lead that finished, replied or was stopped is not taken again by the next edit.
  const before =
    input.source === "rule"
      ? new Set<string>(
          await trx("enrollments")
            .where("sequence_id", sequence.id)
            .whereIn(
              "lead_id",
              leads.map((l) => l.id),
            )
            .pluck("lead_id"),
        )
      : new Set<string>();
  skip("enrolled_before", before.size);
  const rows = leads
    .filter((l) => !before.has(l.id))
    .map((lead) => {
      const blocked = blockedReason(lead, suppressed.get(emailKey(lead.email) ?? ""), settings);
      const runAt = dueAfter(first, now, validZone(lead.time_zone, tenant.time_zone));
      return { lead, blocked, runAt };
    })
    .filter((r) => {
      if (r.blocked && !input.keepBlocked) skip(r.blocked);
      return !r.blocked || input.keepBlocked;
    });
  if (!rows.length) return result;

  const inserted: { id: string; lead_id: string; status: string; exit_reason: ExitReason | null; next_run_at: Date | null }[] = await trx
    .raw(
      `INSERT INTO enrollments (tenant_id, lead_id, sequence_id, sequence_version, status, exit_reason, current_step, next_run_at, source, enrolled_by, enrolled_at, exited_at, created_at, updated_at)
     SELECT ?, r.lead_id, ?, ?, r.status, r.exit_reason, 1, r.next_run_at, ?, ?, ?, r.exited_at, ?, ?
       FROM jsonb_to_recordset(?::jsonb) AS r(lead_id uuid, status text, exit_reason text, next_run_at timestamptz, exited_at timestamptz)
     ON CONFLICT (lead_id, sequence_id) WHERE status = 'active' DO NOTHING
     RETURNING id, lead_id, status, exit_reason, next_run_at`,
      [
        tenantId,
        sequence.id,
        sequence.version,
        input.source,
        input.userId,
        now,
        now,
        now,
        JSON.stringify(
          rows.map((r) => ({
            lead_id: r.lead.id,
            status: r.blocked ? "exited" : "active",
            exit_reason: r.blocked,
            next_run_at: r.blocked ? null : r.runAt,
            exited_at: r.blocked ? now : null,
          })),
        ),
      ],
    )
    .then((r) => r.rows);
  skip("already_enrolled", rows.length - inserted.length);

  await insertJsonRows(
    trx,
    "activities",
    inserted.map((e) =>
      timelineRow(
        tenantId,
        e.lead_id,
        now,
        e.exit_reason
          ? {
              type: "nurture",
              action: "nurture.exited",
              title: `Not enrolled in "${sequence.name}": ${e.exit_reason.replace(/_/g, " ")}`,
              data: { enrollment_id: e.id, sequence_id: sequence.id, reason: e.exit_reason },
              actorUserId: input.userId,
            }
          : {
              type: "nurture",
              action: "nurture.enrolled",
              title: `Enrolled in "${sequence.name}"`,
              data: { enrollment_id: e.id, sequence_id: sequence.id, version: sequence.version, source: input.source },
              actorUserId: input.userId,
            },
      ),
    ),
  );
  for (const e of inserted) {
    if (e.exit_reason) result.exited.push({ enrollmentId: e.id, reason: e.exit_reason });
    else result.enrolled.push({ tenantId, enrollmentId: e.id, step: 1, runAt: new Date(e.next_run_at!) });
  }
  return result;
}

/**
 * Enrolment rules for leads just created or changed, in the writer's transaction: each active
 * sequence whose rule holds takes the lead (once; a lead already in it is left where it is).
 */
export async function enrolByRules(
  trx: Knex,
  tenantId: string,
  leads: Record<string, unknown>[],
  trigger: Trigger,
  sets: { enrol: EnrolRules },
  now: Date,
): Promise<DueStep[]> {
  const due: DueStep[] = [];
  for (const rule of sets.enrol) {
    if (!rule.on(trigger)) continue;
    const ids = leads.filter((l) => rule.holds(l, now)).map((l) => l.id as string);
    if (!ids.length) continue;
    const sequence = await trx("sequences")
      .where({ id: rule.sequenceId, tenant_id: tenantId })
      .whereNull("deleted_at")
      .first<SequenceHead>("id", "name", "version", "status");
    if (!sequence) continue;
    const r = await enrolLeads(trx, { tenantId, sequence, leadIds: ids, source: "rule", userId: null, now });
    due.push(...r.enrolled);
  }
  return due;
}

/**
 * Ends leads' active enrolments with a reason (reply, conversion, unsubscribe, DND, bounce, lost,
 * a person's stop), each on the lead's timeline. Idempotent: only active ones change.
 */
export async function exitEnrollments(
  trx: Knex,
  input: {
    tenantId: string;
    leadIds?: string[];
    enrollmentIds?: string[];
    reason: ExitReason;
    now: Date;
    userId?: string | null;
    detail?: string;
  },
): Promise<number> {
  if (!input.leadIds?.length && !input.enrollmentIds?.length) return 0;
  const q = trx("enrollments as e").where({ "e.tenant_id": input.tenantId, "e.status": "active" });
  if (input.leadIds) q.whereIn("e.lead_id", input.leadIds);
  if (input.enrollmentIds) q.whereIn("e.id", input.enrollmentIds);
  const exited: { id: string; lead_id: string; sequence_id: string }[] = await q
    .update({ status: "exited", exit_reason: input.reason, exited_at: input.now, next_run_at: null, updated_at: input.now })
    .returning(["e.id", "e.lead_id", "e.sequence_id"]);
  if (!exited.length) return 0;
  const names = new Map(
    (
      await trx("sequences")
        .whereIn("id", [...new Set(exited.map((e) => e.sequence_id))])
        .select("id", "name")
    ).map((s) => [s.id, s.name]),
  );
  await insertJsonRows(
    trx,
    "activities",
    exited.map((e) =>
      timelineRow(input.tenantId, e.lead_id, input.now, {
        type: "nurture",
        action: "nurture.exited",
        title: `Left "${names.get(e.sequence_id)}": ${input.reason.replace(/_/g, " ")}`,
        body: input.detail ?? null,
        data: { enrollment_id: e.id, sequence_id: e.sequence_id, reason: input.reason },
        actorUserId: input.userId ?? null,
      }),
    ),
  );
  return exited.length;
}

/** A person or an inbound mail says "no more mail to this address": suppress it and end every enrolment of its leads. */
export async function suppressEmail(
  trx: Knex,
  input: {
    tenantId: string;
    email: string;
    reason: Exclude<SuppressionReason, "erased">;
    leadId?: string | null;
    emailMessageId?: string | null;
    userId?: string | null;
    now: Date;
    note?: string;
  },
): Promise<{ exited: number }> {
  const email = emailKey(input.email);
  if (!email) return { exited: 0 };
  await trx("suppressions")
    .insert({
      tenant_id: input.tenantId,
      email,
      reason: input.reason,
      lead_id: input.leadId ?? null,
      email_message_id: input.emailMessageId ?? null,
      created_by: input.userId ?? null,
      note: input.note ?? null,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict(["tenant_id", "email"])
    .ignore();
  const leads: string[] = await trx("leads").where("tenant_id", input.tenantId).whereRaw("lower(email) = ?", [email]).pluck("id");
  if (input.leadId && !leads.includes(input.leadId)) leads.push(input.leadId);
  const reason: ExitReason = input.reason === "bounced" ? "bounced" : "unsubscribed";
  const exited = await exitEnrollments(trx, { tenantId: input.tenantId, leadIds: leads, reason, now: input.now, userId: input.userId });
  for (const leadId of leads) {
    await addTimelineEntry(trx, input.tenantId, leadId, input.now, {
      type: "email",
      action: `email.${input.reason}`,
      title: input.reason === "bounced" ? `Mail to ${email} bounced: no more mail to it` : `${email} unsubscribed`,
      data: { email, reason: input.reason },
      actorUserId: input.userId ?? null,
    });
  }
  return { exited };
}
