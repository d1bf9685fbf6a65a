import { expect } from "vitest";
import { randomBytes } from "node:crypto";
import type { Stack } from "./stack.ts";

/** One id per kind of record, keyed by the URL segment its routes live under (`leads`, `bookings` …). */
export type Records = Record<string, string>;

/**
 * One record of every kind that has an `:id` route, made in a stack's tenant as its admin would
 * (through the API where a person can make it; by SQL for what only the machine writes: duplicate
 * reviews, mail, deliveries, attachments, alerts). Every name carries `marker`, so an answer that
 * shows any of them to someone else is found by searching for it. `ownerId` owns the leads, the
 * account and the deal (a rep's own records).
 */
export async function createRecords(stack: Stack, marker: string, opts: { ownerId?: string } = {}): Promise<Records> {
  const t = () => randomBytes(3).toString("hex");
  const post = async (path: string, json: unknown) => {
    const res = await stack.api(path, { method: "POST", json });
    const body = await res.json();
    expect(res.status, `POST ${path}: ${JSON.stringify(body)}`).toBeLessThan(300);
    return body;
  };
  const get = async (path: string) => {
    const res = await stack.api(path);
    expect(res.status, `GET ${path}`).toBe(200);
    return res.json();
  };
  const db = stack.services.db;
  const tenant_id = stack.tenantId;
  const never = { all: [{ field: "source", op: "eq", value: `${marker}-never` }] };
  const r: Records = { tenants: tenant_id, partners: stack.partnerId };

  const id = async (path: string, json: unknown) => (await post(path, json)).id as string;
  /** Makes records side by side, a wave at a time: each wave names only records of the waves before. */
  const wave = async (made: Record<string, Promise<string>>) => {
    const ids = await Promise.all(Object.values(made));
    Object.keys(made).forEach((k, i) => (r[k] = ids[i]));
  };
  const lead = (name: string) =>
    id("/leads", { first_name: `${name} ${marker}`, email: `${marker}-${t()}@lead.test`, campaign: marker, owner_id: opts.ownerId });
  const upload = async () => {
    const form = new FormData();
    form.append("file", new Blob([`Name,Email\r\nImported ${marker},${marker}-${t()}@import.test\r\n`]), `${marker}.csv`);
    const res = await fetch(`${stack.baseUrl}/api/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.adminToken}` },
      body: form,
    });
    expect(res.status, "POST /imports").toBe(201);
    return (await res.json()).id as string;
  };

  await wave({
    users: id("/users", { email: `${marker}-${t()}@records.test`, name: `User ${marker}`, password: "records-pass-1", role: "rep" }),
    teams: id("/teams", { name: `Team ${marker} ${t()}` }),
    leads: lead("Lead"),
    twin_lead: lead("Twin"),
    accounts: id("/accounts", { name: `Account ${marker} ${t()}`, owner_id: opts.ownerId }),
    pipeline_stages: get("/pipeline_stages").then((rows) => rows[0].id),
    conversion_rules: id("/conversion_rules", { name: `Conv ${marker}`, condition: never }),
    lead_sources: id("/lead_sources", { name: `Source ${marker} ${t()}` }),
    unit_inventory: id("/unit_inventory", { project: `Tower ${marker} ${t()}`, unit_type: "2BHK", units_total: 10, unit_price: 5000 }),
    sequences: id("/sequences", {
      name: `Drip ${marker}`,
      steps: [{ type: "email", delay_minutes: 600, subject: `Hello ${marker}`, body_text: "x" }],
    }),
    suppressions: id("/suppressions", { email: `${marker}-${t()}@suppressed.test`, note: marker }),
    forms: id("/forms", { name: `Form ${marker}` }),
    webhook_subscriptions: id("/webhook_subscriptions", { url: "https://hooks.example.com/in", events: ["*"], description: marker }),
    scoring_rules: id("/scoring_rules", { name: `Score ${marker}`, condition: never, points: 1 }),
    dedup_scans: id("/dedup_scans", { auto_merge: false }),
    custom_field_definitions: id("/custom_field_definitions", {
      record_type: "lead",
      name: `f_${t()}`,
      label: `Field ${marker}`,
      type: "text",
    }),
    import_templates: id("/import_templates", { name: `Template ${marker}`, mapping: { Email: "email" } }),
    imports: upload(),
    inbound_events: stack
      .postLead({ email: `${marker}-${t()}@ingest.test`, first_name: marker })
      .then(async (res) => (await res.json()).id),
  });
  await wave({
    contacts: id("/contacts", { first_name: `Contact ${marker}`, account_id: r.accounts }),
    opportunities: id("/opportunities", { name: `Deal ${marker}`, account_id: r.accounts, value: 1000, owner_id: opts.ownerId }),
    tasks: id("/tasks", { title: `Task ${marker}`, record_type: "lead", record_id: r.leads }),
    activities: id("/activities", { record_type: "lead", record_id: r.leads, type: "note", title: `Note ${marker}` }),
    milestones: id("/milestones", { lead_id: r.leads, kind: "site_visit", title: `Visit ${marker}` }),
    engagements: id("/engagements", { lead_id: r.leads, type: "call_made", subject: `Call ${marker}` }),
    campaigns: id("/campaigns", { name: `Campaign ${marker}`, code: `${marker}-${t()}`, lead_source_id: r.lead_sources }),
    bookings: id("/bookings", { lead_id: r.leads, account_id: r.accounts, unit_inventory_id: r.unit_inventory, units: 1, notes: marker }),
    sequence_steps: get(`/sequence_steps?filter=${encodeURIComponent(JSON.stringify({ sequence_id: r.sequences }))}`).then(
      (rows) => rows[0].id,
    ),
    enrollments: id("/enrollments", { lead_id: r.leads, sequence_id: r.sequences }),
    assignment_rules: id("/assignment_rules", { name: `Assign ${marker}`, condition: never, target_user_id: r.users }),
    rescore_runs: id("/rescore_runs", {}),
    rule_versions: get("/rule_versions").then((rows) => rows[0].id),
  });
  // After the booking: both write the account's ledger, one at a time by design.
  r.ledger_entries = await id("/ledger_entries", { account_id: r.accounts, type: "payment", amount: 100, document_ref: marker });
  const twin = r.twin_lead;

  // What only the machine writes.
  const [review] = await db("duplicate_reviews")
    .insert({ tenant_id, lead_id: twin, candidate_lead_id: r.leads, score: 0.7, reasons: JSON.stringify([marker]) })
    .returning("id");
  r.duplicate_reviews = review.id;
  const [mail] = await db("email_messages")
    .insert({
      tenant_id,
      lead_id: r.leads,
      sequence_id: r.sequences,
      enrollment_id: r.enrollments,
      step: 1,
      message_id: `<${marker}-${t()}@mail.test>`,
      to_address: `${marker}@lead.test`,
      subject: `Mail ${marker}`,
      status: "unknown",
    })
    .returning("id");
  r.email_messages = mail.id;
  const [event] = await db("outbox_events")
    .insert({
      tenant_id,
      type: "lead.created",
      record_type: "lead",
      record_id: r.leads,
      payload: JSON.stringify({ marker }),
      dispatched_at: new Date(),
    })
    .returning("id");
  const [delivery] = await db("webhook_deliveries")
    .insert({
      tenant_id,
      subscription_id: r.webhook_subscriptions,
      event_id: event.id,
      event_type: "lead.created",
      status: "failed",
      error: marker,
    })
    .returning("id");
  r.webhook_deliveries = delivery.id;
  const [file] = await db("attachments")
    .insert({
      tenant_id,
      lead_id: r.leads,
      filename: `${marker}.pdf`,
      content_type: "application/pdf",
      size: 4,
      content: Buffer.from("%PDF"),
    })
    .returning("id");
  r.attachments = file.id;
  const [alert] = await db("alerts")
    .insert({ tenant_id, source_type: "partner", source_id: stack.partnerId, kind: "silent", message: `Alert ${marker}` })
    .returning("id");
  r.alerts = alert.id;
  // The audit log's newest line (the API's writes above left several).
  r.audit_log = String((await db("audit_log").where({ tenant_id }).orderBy("id", "desc").first("id")).id);
  return r;
}

/** Per table holding the tenant's rows: how many, and the latest change; equal before and after means nothing of it moved. */
export async function tenantFingerprint(db: Stack["services"]["db"], tenantId: string): Promise<Record<string, string>> {
  const tables: { table_name: string; has_updated: boolean }[] = (
    await db.raw(`SELECT c.table_name, bool_or(u.column_name IS NOT NULL) AS has_updated
      FROM information_schema.columns c
      LEFT JOIN information_schema.columns u ON u.table_schema = c.table_schema AND u.table_name = c.table_name AND u.column_name = 'updated_at'
      WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id' GROUP BY c.table_name ORDER BY 1`)
  ).rows;
  const sql = tables
    .map(
      (t) =>
        `SELECT '${t.table_name}' AS t, count(*)::int AS n, ${t.has_updated ? "max(updated_at)" : "null::timestamptz"} AS at FROM "${t.table_name}" WHERE tenant_id = :tenantId`,
    )
    .join(" UNION ALL ");
  const out: Record<string, string> = {};
  for (const row of (await db.raw(sql, { tenantId })).rows) out[row.t] = `${row.n} ${row.at instanceof Date ? row.at.toISOString() : ""}`;
  out.tenants = JSON.stringify(await db("tenants").where("id", tenantId).first());
  return out;
}
