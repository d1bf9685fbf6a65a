import type { Knex } from "knex";
import { LRUCache } from "lru-cache";
import type { JobPayloads } from "../queues.ts";
import { addTimelineEntry, timelineRow, type TimelineEntry } from "../lead/timeline.ts";
import { emailHashSql } from "../privacy/hash.ts";
import type { DueStep } from "./enrol.ts";
import { nurtureSettingsFrom, type NurtureSettings } from "./settings.ts";
import { dueAfter, validZone } from "./timing.ts";
import { TEMPLATE_LEAD_FIELDS } from "./templates.ts";
import type { QuietHours, Step } from "./sequence.ts";
import { stepsOf } from "./sequence-store.ts";

export type StepPayload = JobPayloads["nurture.step"];

export interface Enrollment {
  id: string;
  tenant_id: string;
  lead_id: string;
  sequence_id: string;
  sequence_version: number;
  status: string;
  current_step: number;
  next_run_at: Date | null;
}

/** Everything a step reads, loaded once under the enrolment's lock. */
export interface Situation {
  e: Enrollment;
  lead: Record<string, unknown>;
  /** The lead's owner as templates see it (name, email, phone), or null. */
  owner: Record<string, unknown> | null;
  steps: Step[];
  sequence: { name: string; quiet_hours: QuietHours | null };
  tenant: { name: string; zone: string };
  settings: NurtureSettings;
  /** Why the lead's address takes no mail (unsubscribed, bounced), if it does not. */
  suppression: string | undefined;
  now: Date;
}

/** A version's steps never change once written: kept per process, one query per sequence version. */
const stepsCache = new LRUCache<string, Step[]>({ max: 2_000 });

/** What templates, exits and scheduling read of a lead (not the whole row: leads are wide). */
const LEAD_COLUMNS = [
  ...new Set([
    ...TEMPLATE_LEAD_FIELDS,
    ...["id", "tenant_id", "phone_e164", "owner_id", "dnd", "converted_at", "gdpr_consent", "opt_in_at", "deleted_at", "time_zone"],
  ]),
];

/**
 * The enrolments, locked (in id order, so two batches never wait on each other in a cycle) unless
 * `lock` is false, with what a step reads: the lead's needed columns and owner, whether its address
 * is suppressed, the sequence, the tenant's settings. One round trip for a whole batch.
 */
export async function loadSituations(
  trx: Knex,
  tenantId: string,
  enrollmentIds: string[],
  now: Date,
  { lock = true } = {},
): Promise<Map<string, Situation>> {
  const query = trx("enrollments as e")
    .join("leads as l", "l.id", "e.lead_id")
    .join("sequences as s", "s.id", "e.sequence_id")
    .join("tenants as t", "t.id", "e.tenant_id")
    .whereIn("e.id", enrollmentIds)
    .where("e.tenant_id", tenantId)
    .orderBy("e.id")
    .select(
      trx.raw("to_jsonb(e) AS e"),
      trx.raw(`jsonb_build_object(${LEAD_COLUMNS.map((c) => `'${c}', l.${c}`).join(", ")}) AS lead`),
      // The address, or its hash when an erased person left only that (core/privacy/hash.ts).
      trx.raw(
        `(SELECT reason FROM suppressions x WHERE x.tenant_id = l.tenant_id AND x.email IN (lower(trim(l.email)), ${emailHashSql("l.tenant_id", "l.email")}) LIMIT 1) AS suppression`,
      ),
      trx.raw(
        "(SELECT jsonb_build_object('name', u.name, 'email', u.email, 'phone', u.phone) FROM users u WHERE u.id = l.owner_id) AS owner",
      ),
      "s.name",
      "s.quiet_hours",
      "t.name as tenant_name",
      "t.time_zone",
      trx.raw("t.settings->'nurture' as nurture"),
    );
  const rows = await (lock ? query.forUpdate("e") : query);
  const out = new Map<string, Situation>();
  for (const row of rows) {
    const e: Enrollment = { ...row.e, next_run_at: row.e.next_run_at ? new Date(row.e.next_run_at) : null };
    const key = `${e.sequence_id}:${e.sequence_version}`;
    let steps = stepsCache.get(key);
    if (!steps) {
      steps = await stepsOf(trx, e.sequence_id, e.sequence_version);
      stepsCache.set(key, steps);
    }
    out.set(e.id, {
      e,
      lead: row.lead,
      owner: row.owner ?? null,
      steps,
      now,
      suppression: row.suppression ?? undefined,
      sequence: { name: row.name, quiet_hours: row.quiet_hours },
      tenant: { name: row.tenant_name, zone: validZone(row.lead.time_zone as string | null, row.time_zone) },
      settings: nurtureSettingsFrom(row.nurture),
    });
  }
  return out;
}

/** Still active, at this job's step and due time: anything else means another delivery or a change got there first. */
export const isCurrent = (s: Situation, data: StepPayload) =>
  s.e.status === "active" && s.e.current_step === data.step && s.e.next_run_at?.getTime() === data.runAt;

export const stepEntry = (trx: Knex, s: Situation, step: Step, title: string, data: object = {}, type: TimelineEntry["type"] = "nurture") =>
  addTimelineEntry(trx, s.e.tenant_id, s.e.lead_id, s.now, {
    type,
    action: `nurture.${step.type}`,
    title: `${s.sequence.name}: ${title}`,
    data: { enrollment_id: s.e.id, sequence_id: s.e.sequence_id, step: step.step, due_at: s.e.next_run_at, ran_at: s.now, ...data },
  });

/** Where an enrolment goes after a step: step `to` (due after its delay), or complete past the last step. */
export function advancement(s: Situation, to: number) {
  const { e, now } = s;
  if (to > s.steps.length || s.steps[to - 1]?.type === "end") {
    return {
      row: { status: "completed", completed_at: now, current_step: Math.min(to, s.steps.length), next_run_at: null, updated_at: now },
      completed: timelineRow(e.tenant_id, e.lead_id, now, {
        type: "nurture",
        action: "nurture.completed",
        title: `Completed "${s.sequence.name}"`,
        data: { enrollment_id: e.id, sequence_id: e.sequence_id },
      }),
      due: null,
    };
  }
  const runAt = dueAfter(s.steps[to - 1], now, s.tenant.zone);
  return {
    row: { status: "active", completed_at: null, current_step: to, next_run_at: runAt, updated_at: now },
    completed: null,
    due: { tenantId: e.tenant_id, enrollmentId: e.id, step: to, runAt } as DueStep,
  };
}
