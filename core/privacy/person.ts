import type { Knex } from "knex";
import { emailKey } from "../nurture/enrol.ts";
import { personHash } from "./hash.ts";

/**
 * The person behind a lead, as rows: the lead and the leads merged into it (soft-deleted, pointing at
 * it through duplicate_of_id, however many merges deep), the contacts converted from them, and the
 * accounts they are linked to. Everything export and erasure touch starts from here.
 */
export interface Person {
  tenantId: string;
  leadId: string;
  leadIds: string[];
  contactIds: string[];
  accountIds: string[];
  /** Inbound events that carried the person's data: each submission's, and any naming the leads. */
  eventIds: string[];
  emails: string[];
  phones: string[];
}

export async function findPerson(db: Knex, tenantId: string, leadId: string): Promise<Person | null> {
  const { rows: leads } = await db.raw(
    `WITH RECURSIVE p AS (
       SELECT id FROM leads WHERE id = ? AND tenant_id = ?
       UNION SELECT l.id FROM leads l JOIN p ON l.duplicate_of_id = p.id WHERE l.tenant_id = ?
     ) SELECT l.id, l.email, l.phone_e164, l.alt_phone, l.converted_contact_id, l.converted_account_id, l.inbound_event_id FROM leads l JOIN p USING (id)`,
    [leadId, tenantId, tenantId],
  );
  if (!leads.length) return null;
  const leadIds: string[] = leads.map((l: { id: string }) => l.id);
  const contacts = await db("contacts")
    .where("tenant_id", tenantId)
    .where((q) =>
      q
        .whereIn("lead_id", leadIds)
        .orWhereIn("id", leads.map((l: { converted_contact_id: string | null }) => l.converted_contact_id).filter(Boolean)),
    )
    .select("id", "account_id", "email", "phone_e164");
  const bookingAccounts: string[] = await db("bookings")
    .where("tenant_id", tenantId)
    .whereIn("lead_id", leadIds)
    .whereNotNull("account_id")
    .pluck("account_id");
  const accountIds = [
    ...new Set(
      [
        ...leads.map((l: { converted_account_id: string | null }) => l.converted_account_id),
        ...contacts.map((c) => c.account_id),
        ...bookingAccounts,
      ].filter(Boolean),
    ),
  ] as string[];
  const eventIds: string[] = await db("inbound_events").where("tenant_id", tenantId).whereIn("lead_id", leadIds).pluck("id");
  const submitted: string[] = await db("lead_submissions")
    .where("tenant_id", tenantId)
    .whereIn("lead_id", leadIds)
    .pluck("inbound_event_id");
  const firsts = leads.map((l: { inbound_event_id: string | null }) => l.inbound_event_id).filter(Boolean);
  const emails = [...new Set([...leads, ...contacts].map((r) => emailKey(r.email)).filter((e): e is string => !!e))];
  const phones = [
    ...new Set(
      [
        ...leads.flatMap((l: { phone_e164: string | null; alt_phone: string | null }) => [l.phone_e164, l.alt_phone]),
        ...contacts.map((c) => c.phone_e164),
      ]
        .filter((p): p is string => typeof p === "string" && p.trim() !== "")
        .map((p) => p.replace(/[^\d+]/g, "")),
    ),
  ];
  return {
    tenantId,
    leadId,
    leadIds,
    contactIds: contacts.map((c) => c.id),
    accountIds,
    eventIds: [...new Set([...eventIds, ...submitted, ...firsts])],
    emails,
    phones,
  };
}

/** The suppression rows that speak of the person: by lead, by address, or by the hash erasure left. */
function suppressionsOf(db: Knex, p: Person) {
  const keys = [...p.emails, ...p.emails.map((e) => personHash(p.tenantId, e)), ...p.phones.map((n) => personHash(p.tenantId, n))];
  return db("suppressions")
    .where("tenant_id", p.tenantId)
    .where((q) => q.whereIn("lead_id", p.leadIds).orWhereIn("email", keys));
}

/**
 * Everything leadhub holds about the person (GDPR art. 15 and 20), as JSON: the lead and the leads
 * merged into it, what they sent (submissions, inbound events as they arrived), their timeline,
 * tasks, milestones, engagements, the mail we sent them, enrolments, scores, consents,
 * suppressions, files (described, not their bytes), and what they became: contacts, deals,
 * accounts with their bookings and ledger entries.
 */
export async function exportPerson(db: Knex, p: Person, now: Date) {
  const t = p.tenantId;
  const records = (q: Knex.QueryBuilder) => q.where("tenant_id", t);
  const byLead = (table: string, order = "created_at") => records(db(table)).whereIn("lead_id", p.leadIds).orderBy(order);
  const onRecords = (table: string, order: string) =>
    records(db(table))
      .where((q) =>
        q
          .where("record_type", "lead")
          .whereIn("record_id", p.leadIds)
          .orWhere((q2) => q2.where("record_type", "contact").whereIn("record_id", p.contactIds)),
      )
      .orderBy(order);
  const [
    leads,
    submissions,
    inboundEvents,
    activities,
    tasks,
    milestones,
    engagements,
    emailMessages,
    enrollments,
    scoreHistory,
    consents,
    suppressions,
    attachments,
    merges,
    contacts,
    opportunities,
    accounts,
    bookings,
    ledger,
  ] = await Promise.all([
    records(db("leads"))
      .whereIn("id", p.leadIds)
      .orderBy("created_at")
      .select(db.raw("to_jsonb(leads) - 'search' - 'search_text' AS row"))
      .then((r) => r.map((x: { row: unknown }) => x.row)),
    byLead("lead_submissions"),
    records(db("inbound_events"))
      .whereIn("id", p.eventIds)
      .orderBy("created_at")
      .select(
        "id",
        "channel",
        "format",
        "partner_id",
        "form_id",
        "payload",
        "raw",
        "content_type",
        "remote_ip",
        "status",
        "outcome",
        "lead_id",
        "created_at",
      ),
    onRecords("activities", "occurred_at"),
    onRecords("tasks", "created_at"),
    onRecords("milestones", "occurred_at"),
    byLead("engagements", "occurred_at"),
    byLead("email_messages"),
    byLead("enrollments"),
    byLead("score_history"),
    byLead("consents", "occurred_at"),
    suppressionsOf(db, p).orderBy("created_at"),
    byLead("attachments").select("id", "inbound_event_id", "lead_id", "filename", "content_type", "size", "created_at"),
    records(db("lead_merges"))
      .where((q) => q.whereIn("lead_id", p.leadIds).orWhereIn("merged_lead_id", p.leadIds))
      .orderBy("created_at"),
    records(db("contacts")).whereIn("id", p.contactIds),
    records(db("opportunities")).where((q) => q.whereIn("lead_id", p.leadIds).orWhereIn("primary_contact_id", p.contactIds)),
    records(db("accounts")).whereIn("id", p.accountIds),
    records(db("bookings"))
      .where((q) => q.whereIn("lead_id", p.leadIds).orWhereIn("account_id", p.accountIds))
      .orderBy("booked_at"),
    records(db("ledger_entries")).whereIn("account_id", p.accountIds).orderBy(["account_id", "seq"]),
  ]);
  const [lead, ...merged] = [
    leads.find((l: { id: string }) => l.id === p.leadId),
    ...leads.filter((l: { id: string }) => l.id !== p.leadId),
  ];
  return {
    exported_at: now.toISOString(),
    lead,
    merged_leads: merged,
    submissions,
    inbound_events: inboundEvents,
    activities,
    tasks,
    milestones,
    engagements,
    email_messages: emailMessages,
    enrollments,
    score_history: scoreHistory,
    consents,
    suppressions,
    attachments,
    lead_merges: merges,
    contacts,
    opportunities,
    accounts,
    bookings,
    ledger_entries: ledger,
  };
}
