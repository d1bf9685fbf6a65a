import type { Knex } from "knex";
import { pgTextArray } from "../db.ts";
import { addTimelineEntry } from "../lead/timeline.ts";
import { exitEnrollments } from "../nurture/enrol.ts";
import { personHash } from "./hash.ts";
import type { Person } from "./person.ts";

/**
 * A lead's personal columns: names, contact points, address, identifiers, free text, what the
 * vendor sent. What stays is what reports count: source, campaign and UTM fields, status, stage,
 * scores, owner, budget, product, industry, city/state/country, dates.
 */
const LEAD_PII = [
  "first_name",
  "last_name",
  "email",
  "email_canonical",
  "email_key",
  "email_local",
  "phone",
  "phone_e164",
  "phone_national",
  "alt_phone",
  "company",
  "company_normalized",
  "company_key",
  "name_key",
  "job_title",
  "website",
  "gstin",
  "pan",
  "address",
  "postal_code",
  "referrer",
  "landing_page",
  "authority",
  "need",
  "timeline",
  "message",
  "consent",
] as const;

const ERASED = "(erased)";

export interface ErasureResult {
  leads: number;
  /** Hashes kept in suppressions, so the objection outlives the data. */
  suppressed: { emails: number; phones: number };
  exitedEnrollments: number;
}

/**
 * Writers that keep a person's data out of a transaction for a while (the worker's pipeline trace,
 * buffered ~200 ms) take this lock shared for the tenants they write, in the transaction of the
 * write, and an erasure takes it exclusively: a buffered row lands either before the erasure, which
 * then scrubs it, or after it, when the writer sees the lead erased.
 */
export async function lockErasures(trx: Knex, tenantIds: string[], mode: "shared" | "exclusive"): Promise<void> {
  const lock = mode === "shared" ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock";
  await trx.raw(`SELECT ${lock}(hashtextextended('erasure:' || t, 0)) FROM unnest(?::uuid[]) t ORDER BY t`, [
    pgTextArray([...new Set(tenantIds)]),
  ]);
}

/**
 * GDPR art. 17 for the person behind a lead, in the caller's transaction. Their leads stay as
 * anonymised rows (reports keep their counts; `erased_at` says why they are blank) with `dnd` set;
 * their personal data goes from every table that held it: submissions and the inbound events as
 * they arrived, merges, timeline entries, tasks, milestones, engagements, mail, files,
 * notifications, job traces, webhook payloads not yet sent, contacts converted from them, consent IPs. Their
 * email and phone live on only as salted hashes in suppressions (reason `erased`), so a new lead
 * with the same address is never mailed: the objection still holds.
 * Idempotent: erasing again finds nothing more to scrub.
 */
export async function erasePerson(trx: Knex, p: Person, input: { now: Date; userId: string | null }): Promise<ErasureResult> {
  const { tenantId: t, leadIds, contactIds, eventIds, now } = { ...p, ...input };
  await lockErasures(trx, [t], "exclusive");
  // Addresses suppressed for these leads count too (an old address that bounced, say).
  const linked: string[] = await trx("suppressions")
    .where("tenant_id", t)
    .whereIn("lead_id", leadIds)
    .whereNot("reason", "erased")
    .pluck("email");
  const emails = [...new Set([...p.emails, ...linked])];
  const hashes = [
    ...emails.map((e) => ({ email: personHash(t, e), kind: "email" })),
    ...p.phones.map((n) => ({ email: personHash(t, n), kind: "phone" })),
  ];
  if (hashes.length) {
    await trx("suppressions")
      .insert(
        hashes.map((h) => ({
          tenant_id: t,
          ...h,
          reason: "erased",
          lead_id: p.leadId,
          created_by: input.userId,
          note: "erased on request",
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict(["tenant_id", "email"])
      .ignore();
  }
  // The addresses themselves go: the hash rows above carry the objection from now on.
  if (emails.length) await trx("suppressions").where("tenant_id", t).whereIn("email", emails).delete();
  const exitedEnrollments = await exitEnrollments(trx, {
    tenantId: t,
    leadIds,
    reason: "unsubscribed",
    now,
    userId: input.userId,
    detail: "personal data erased on request",
  });

  const nulls = Object.fromEntries(LEAD_PII.map((c) => [c, null]));
  await trx("leads")
    .where("tenant_id", t)
    .whereIn("id", leadIds)
    .update({
      ...nulls,
      // Contact points merges kept (migration 25): the person's too.
      additional_emails: [],
      additional_email_keys: [],
      additional_phones: [],
      custom_fields: "{}",
      validation_notes: "[]",
      dnd: true,
      erased_at: trx.raw("coalesce(erased_at, ?)", [now]),
      updated_at: now,
    });
  await trx("lead_submissions").where("tenant_id", t).whereIn("lead_id", leadIds).update({ data: "{}", not_taken: null, updated_at: now });
  await trx("inbound_events")
    .where("tenant_id", t)
    .whereIn("id", eventIds)
    .update({ payload: null, raw: null, remote_ip: null, signature: null, unmapped: null, error: null, updated_at: now });
  await trx("lead_merges")
    .where("tenant_id", t)
    .where((q) => q.whereIn("lead_id", leadIds).orWhereIn("merged_lead_id", leadIds))
    .update({ before: "{}", taken: "{}", not_taken: "{}", moved: "{}", incoming: null, updated_at: now });
  const records = (table: string) =>
    trx(table)
      .where("tenant_id", t)
      .where((q) =>
        q
          .where("record_type", "lead")
          .whereIn("record_id", leadIds)
          .orWhere((q2) => q2.where("record_type", "contact").whereIn("record_id", contactIds)),
      );
  // Timeline titles keep their kind (the action) so the history's shape survives; the words go.
  await records("activities").update({ title: trx.raw("coalesce(action, type)"), body: null, data: "{}", outcome: null, updated_at: now });
  await records("tasks").update({ title: ERASED, body: null, updated_at: now });
  await records("milestones").update({
    title: trx.raw("kind"),
    data: "{}",
    notes: null,
    location_name: null,
    latitude: null,
    longitude: null,
    updated_at: now,
  });
  await trx("engagements")
    .where("tenant_id", t)
    .whereIn("lead_id", leadIds)
    .update({ data: "{}", subject: null, notes: null, updated_at: now });
  await trx("email_messages")
    .where("tenant_id", t)
    .whereIn("lead_id", leadIds)
    .update({ to_address: null, subject: null, body_text: null, body_html: null, smtp_response: null, error: null, updated_at: now });
  await trx("attachments")
    .where("tenant_id", t)
    .where((q) => q.whereIn("lead_id", leadIds).orWhereIn("inbound_event_id", eventIds))
    .update({ content: null, filename: null, updated_at: now });
  // The pipeline trace says what each job did (a mail's subject among it).
  await trx("job_runs")
    .where("tenant_id", t)
    .where((q) => q.whereIn("lead_id", leadIds).orWhereIn("inbound_event_id", eventIds))
    .update({ detail: null });
  await trx("notifications").where("tenant_id", t).whereIn("lead_id", leadIds).update({ subject: ERASED, body: ERASED, updated_at: now });
  await trx("outbox_events")
    .where("tenant_id", t)
    .where("record_type", "lead")
    .whereIn("record_id", leadIds)
    .update({ payload: trx.raw("jsonb_build_object('id', record_id, 'erased', true)") });
  await trx("consents")
    .where("tenant_id", t)
    .whereIn("lead_id", leadIds)
    .whereNull("erased_at")
    .update({ ip: null, erased_at: now, updated_at: now });
  if (contactIds.length) {
    await trx("contacts").where("tenant_id", t).whereIn("id", contactIds).update({
      first_name: null,
      last_name: ERASED,
      email: null,
      email_canonical: null,
      phone: null,
      phone_e164: null,
      job_title: null,
      custom_fields: "{}",
      updated_at: now,
    });
  }
  await addTimelineEntry(trx, t, p.leadId, now, {
    action: "lead.erased",
    title: "Personal data erased on request (GDPR)",
    actorUserId: input.userId,
    data: { leads: leadIds.length },
  });
  return { leads: leadIds.length, suppressed: { emails: emails.length, phones: p.phones.length }, exitedEnrollments };
}
