import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash, randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { json, tag, writes } from "../support/json-api.ts";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { sweepDueSteps } from "../../jobs/nurture/sweep-due.job.ts";

/** Real time moved on by `offset`, so a step due in an hour comes due at once. */
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
const CONSENT = "I agree that Sahyadri Realty may email me about its projects. I can unsubscribe at any time.";
let stack: Stack;
let other: Stack;
let sink: SmtpSink;
let form: { id: string; key: string };
const tokens: Record<string, string> = {};
/** Where imports keep their files. */
const dataDir = mkdtempSync(join(tmpdir(), "lh-privacy-"));

const { post } = writes(() => stack);
const mailTo = (to: string) =>
  sink.messages.filter((m) =>
    JSON.stringify(m.to ?? "")
      .toLowerCase()
      .includes(to.toLowerCase()),
  );

async function loginAs(role: string) {
  const email = `${role}.${tag()}@example.com`;
  await post("/users", { email, name: `A ${role}`, password: `${role}-password-1`, role });
  const res = await fetch(`${stack.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: `${role}-password-1` }),
  });
  return (await json(res)).token as string;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  stack = await startStack({ worker: true, clock, env: { SMTP_URL: sink.url, LEADHUB_DATA_DIR: dataDir } });
  other = await startStack();
  form = await post("/forms", {
    name: `Enquiry ${tag()}`,
    consent_text: CONSENT,
    fields: [
      { name: "first_name", maps_to: "first_name" },
      { name: "last_name", maps_to: "last_name" },
      { name: "email", type: "email", required: true },
      { name: "phone", type: "tel" },
      { name: "address", maps_to: "address" },
      { name: "message", type: "textarea" },
    ],
  });
  for (const role of ["manager", "rep", "marketer"]) tokens[role] = await loginAs(role);
});
afterAll(async () => {
  await other?.stop();
  await stack?.stop();
  await sink?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Someone with details unique to the test: every one of them must be findable before erasure and nowhere after. */
function someone() {
  const t = tag();
  return {
    first_name: "Meera",
    last_name: `Kulkarni${t}`,
    email: `meera.${t}@example.com`,
    phone: `+9198${String(randomInt(1e8)).padStart(8, "0")}`,
    address: `Flat ${t}, Lane 5, Kothrud`,
    message: `Call me after 6 pm, ask for ${t}-desk`,
    favourite_colour: `teal-${t}`,
    ip: `198.51.${randomInt(256)}.${randomInt(1, 255)}`,
  };
}
type Someone = ReturnType<typeof someone>;

/** A web-form submission from the person's browser; answers the lead intake made of it. */
async function submit(p: Someone, consent: boolean): Promise<{ leadId: string; eventId: string }> {
  const { ip, ...fields } = p;
  const res = await fetch(`${stack.baseUrl}/ingest/forms/${form.key}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ ...fields, ...(consent ? { gdpr_consent: "yes" } : {}) }),
  });
  const { id } = await json(res, 202);
  const ev = await expectEventually(async () => {
    const e = await json(stack.api(`/inbound_events/${id}`));
    expect(e.lead_id).toBeTruthy();
    return e;
  }, 15_000);
  return { leadId: ev.lead_id, eventId: id };
}

const consentsOf = (leadId: string) => stack.services.db("consents").where({ lead_id: leadId }).orderBy("occurred_at");
const hash = (value: string) => `sha256:${createHash("sha256").update(`${stack.tenantId}:${value}`).digest("hex")}`;

/** For each value, the tenant's tables holding it in any column (audit_log aside: see docs/privacy.md). */
async function tablesHolding(values: string[]): Promise<Record<string, string[]>> {
  const db = stack.services.db;
  const tables: string[] = await db("information_schema.columns")
    .where({ table_schema: "public", column_name: "tenant_id" })
    .whereNot("table_name", "audit_log")
    .pluck("table_name");
  const found: Record<string, string[]> = Object.fromEntries(values.map((v) => [v, []]));
  for (const t of tables) {
    const { rows } = await db.raw(
      `SELECT DISTINCT v FROM ?? x, unnest(?::text[]) v WHERE x.tenant_id = ? AND strpos(lower(to_jsonb(x)::text), lower(v)) > 0`,
      [t, `{${values.map((v) => `"${v}"`).join(",")}}`, stack.tenantId],
    );
    for (const r of rows) found[r.v].push(t);
  }
  return found;
}

describe("consent records", () => {
  it("when a lead arrives with consent, then a consent row keeps purpose, wording, source, time and IP; each new consent appends one", async () => {
    const p = someone();
    const first = await submit(p, true);
    const [c] = await consentsOf(first.leadId);
    expect(c).toMatchObject({
      tenant_id: stack.tenantId,
      purpose: "marketing",
      granted: true,
      text: CONSENT,
      text_version: createHash("sha256").update(CONSENT).digest("hex").slice(0, 12),
      source: "form",
      form_id: form.id,
      inbound_event_id: first.eventId,
      ip: p.ip,
      erased_at: null,
    });
    expect(c.occurred_at).toBeInstanceOf(Date);

    // The same person again: merged into the lead, and the new consent is a new row.
    const again = await submit(p, true);
    expect(again.leadId).toBe(first.leadId);
    expect((await consentsOf(first.leadId)).map((r) => r.inbound_event_id)).toEqual([first.eventId, again.eventId]);

    // Without consent: no row.
    const none = await submit(someone(), false);
    expect(await consentsOf(none.leadId)).toEqual([]);
  });

  it("when a CSV import says a row consented, then that lead gets a consent row (source csv) and the others none", async () => {
    const [yes, no] = [someone(), someone()];
    const csv = `email,first_name,gdpr_consent\r\n${yes.email},Meera,yes\r\n${no.email},Meera,no\r\n`;
    const body = new FormData();
    body.append("start", "true");
    body.append("file", new Blob([csv]), "consents.csv");
    const imp = await json(
      fetch(`${stack.baseUrl}/api/imports`, { method: "POST", headers: { authorization: `Bearer ${stack.adminToken}` }, body }),
      201,
    );
    await expectEventually(
      async () => expect(await json(stack.api(`/imports/${imp.id}`))).toMatchObject({ status: "done", imported: 2 }),
      30_000,
    );
    const leads = await stack.services
      .db("leads")
      .where({ tenant_id: stack.tenantId, import_id: imp.id })
      .select("id", "email", "gdpr_consent");
    const byEmail = new Map(leads.map((l) => [l.email, l]));
    expect(byEmail.get(yes.email)?.gdpr_consent).toBe(true);
    expect(await consentsOf(byEmail.get(yes.email)!.id)).toEqual([
      expect.objectContaining({ purpose: "marketing", source: "csv", granted: true, ip: null }),
    ]);
    expect(await consentsOf(byEmail.get(no.email)!.id)).toEqual([]);
  });

  it("when anyone tries to change or delete consent rows in the database, then PostgreSQL refuses", async () => {
    const { leadId } = await submit(someone(), true);
    const [c] = await consentsOf(leadId);
    const db = stack.services.db;
    // Each attempt in a transaction rolled back afterwards, so a broken guard cannot take the rows with it.
    const attempt = (sql: string, bindings: unknown[] = []) =>
      db.transaction(async (trx) => {
        await trx.raw(sql, bindings as never);
        throw new Error("allowed");
      });
    await expect(attempt("UPDATE consents SET purpose = 'anything' WHERE id = ?", [c.id])).rejects.toThrow(/append-only/);
    await expect(attempt("UPDATE consents SET ip = '10.0.0.1' WHERE id = ?", [c.id])).rejects.toThrow(/append-only/);
    // Blanking the IP is erasure's only way in, and only with the rest unchanged.
    await expect(attempt("UPDATE consents SET ip = NULL, erased_at = now(), text = 'other words' WHERE id = ?", [c.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(attempt("DELETE FROM consents WHERE id = ?", [c.id])).rejects.toThrow(/append-only/);
    await expect(attempt("TRUNCATE consents")).rejects.toThrow(/append-only|permission denied/);
    await expect(attempt("UPDATE consents SET ip = NULL, erased_at = now() WHERE id = ?", [c.id])).rejects.toThrow(/^allowed$/);
    expect(await consentsOf(leadId)).toEqual([c]);
  });
});

describe("export and erasure of a person", () => {
  it("when an admin or manager exports a lead, then everything about the person comes as JSON; reps, marketers and other tenants cannot", async () => {
    const p = someone();
    const { leadId } = await submit(p, true);
    await post("/milestones", {
      lead_id: leadId,
      kind: "site_visit",
      occurred_at: new Date().toISOString(),
      location_name: `Home of ${p.last_name}`,
      notes: `Met ${p.first_name} ${p.last_name}`,
    });
    await post("/tasks", { title: `Call ${p.last_name} back`, record_type: "lead", record_id: leadId });
    await post("/activities", { record_id: leadId, type: "note", title: `Spoke to ${p.last_name}`, body: p.message });

    const res = await stack.api(`/leads/${leadId}/export`, { token: tokens.manager });
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="lead-${leadId}.json"`);
    const doc = await json(res);
    expect(doc.lead).toMatchObject({
      id: leadId,
      email: p.email,
      last_name: p.last_name,
      address: p.address,
      custom_fields: { favourite_colour: p.favourite_colour },
    });
    expect(doc.submissions).toHaveLength(1);
    expect(doc.submissions[0].data).toMatchObject({ email: p.email });
    expect(doc.inbound_events[0]).toMatchObject({ remote_ip: p.ip, payload: expect.objectContaining({ email: p.email }) });
    expect(doc.consents).toEqual([expect.objectContaining({ ip: p.ip, text: CONSENT })]);
    expect(doc.milestones).toEqual([expect.objectContaining({ location_name: `Home of ${p.last_name}` })]);
    expect(doc.tasks.map((t: { title: string }) => t.title)).toEqual([`Call ${p.last_name} back`]);
    expect(doc.activities.map((a: { body: string | null }) => a.body)).toContain(p.message);
    for (const k of [
      "engagements",
      "email_messages",
      "enrollments",
      "score_history",
      "suppressions",
      "attachments",
      "contacts",
      "opportunities",
      "accounts",
      "bookings",
      "ledger_entries",
      "merged_leads",
    ]) {
      expect(Array.isArray(doc[k]), k).toBe(true);
    }
    expect((await json(stack.api(`/leads/${leadId}/export`))).lead.id).toBe(leadId);

    for (const role of ["rep", "marketer"]) {
      expect((await json(stack.api(`/leads/${leadId}/export`, { token: tokens[role] }), 403)).error.code).toBe("forbidden");
    }
    expect((await json(other.api(`/leads/${leadId}/export`), 404)).error.code).toBe("not_found");
    expect((await json(stack.api(`/leads/not-a-uuid/export`), 404)).error.code).toBe("not_found");
  });

  it("when an admin erases a person, then their data is gone from every table, the lead stays anonymised, and the erasure is audit-logged", async () => {
    const p = someone();
    const { leadId } = await submit(p, true);
    const merged = await submit({ ...p, message: `${p.message} (again)` }, true);
    expect(merged.leadId).toBe(leadId);
    await post("/milestones", {
      lead_id: leadId,
      kind: "site_visit",
      occurred_at: new Date().toISOString(),
      location_name: `Home of ${p.last_name}`,
      notes: `Met ${p.last_name}`,
    });
    const seq = await post("/sequences", {
      name: `Welcome ${tag()}`,
      steps: [{ type: "email", subject: "Hello {{ lead.first_name }} {{ lead.last_name }}", body_text: "Hi {{ lead.last_name }}" }],
    });
    await post("/enrollments", { lead_id: leadId, sequence_id: seq.id });
    await expectEventually(async () => {
      expect(mailTo(p.email)).toHaveLength(1);
      const [m] = await stack.services.db("email_messages").where({ lead_id: leadId });
      expect(m.status).toBe("sent");
    }, 15_000);
    const digits = p.phone.slice(3);
    const before = await stack.services.db("leads").where("tenant_id", stack.tenantId).count<{ n: number }[]>({ n: "*" });
    const values = [p.email, p.last_name, digits, p.address, p.favourite_colour, p.ip];
    for (const [value, tables] of Object.entries(await tablesHolding(values))) expect(tables, value).not.toEqual([]);

    for (const [role, status] of [
      ["manager", 403],
      ["rep", 403],
      ["marketer", 403],
    ] as const) {
      await json(stack.api(`/leads/${leadId}/erase`, { method: "POST", token: tokens[role], json: {} }), status);
    }
    await json(other.api(`/leads/${leadId}/erase`, { method: "POST", json: {} }), 404);
    expect((await stack.services.db("leads").where("id", leadId).first()).email).toBe(p.email);

    const done = await json(stack.api(`/leads/${leadId}/erase`, { method: "POST", json: { reason: "data subject request #42" } }));
    expect(done).toEqual({
      id: leadId,
      erased: true,
      leads: 1,
      suppressed: { emails: 1, phones: 1 },
      exitedEnrollments: expect.any(Number),
    });

    // Nothing left anywhere in the tenant's tables.
    expect(await tablesHolding(values)).toEqual(Object.fromEntries(values.map((v) => [v, []])));
    // The lead stays for the reports: same count, its source and status, no personal data, marked erased.
    const after = await stack.services.db("leads").where("tenant_id", stack.tenantId).count<{ n: number }[]>({ n: "*" });
    expect(after[0].n).toBe(before[0].n);
    const lead = await json(stack.api(`/leads/${leadId}`));
    expect(lead).toMatchObject({
      first_name: null,
      last_name: null,
      email: null,
      phone: null,
      address: null,
      message: null,
      custom_fields: {},
      dnd: true,
      source: "web-form",
      subsource: expect.any(String),
    });
    expect(lead.erased_at).toBeTruthy();
    // Consents stay as proof of what was agreed, without the IP.
    expect(await consentsOf(leadId)).toEqual([
      expect.objectContaining({ text: CONSENT, ip: null, erased_at: expect.any(Date) }),
      expect.objectContaining({ text: CONSENT, ip: null, erased_at: expect.any(Date) }),
    ]);
    // The objection outlives the data: hashes, not addresses, and they cannot be lifted.
    const supp = await stack.services.db("suppressions").where({ tenant_id: stack.tenantId, lead_id: leadId }).orderBy("kind");
    expect(supp.map((s) => [s.kind, s.reason, s.email])).toEqual([
      ["email", "erased", hash(p.email)],
      ["phone", "erased", hash(p.phone)],
    ]);
    expect((await json(stack.api(`/suppressions/${supp[0].id}`, { method: "DELETE" }), 409)).error.code).toBe("suppression_erased_person");
    // Who erased whom, when, and why; with no personal data in the entry.
    const log = await stack.services
      .db("audit_log")
      .where({ tenant_id: stack.tenantId, record_type: "leads", record_id: leadId, action: "erase" });
    expect(log).toHaveLength(1);
    expect(log[0].changes).toMatchObject({ lead_ids: [leadId], reason: "data subject request #42" });
    expect(JSON.stringify(log[0].changes)).not.toContain(p.email);
    // The export now shows the anonymised record; erasing again changes nothing.
    const doc = JSON.stringify(await json(stack.api(`/leads/${leadId}/export`)));
    for (const value of [p.email, p.last_name, p.favourite_colour, p.ip]) expect(doc).not.toContain(value);
    await json(stack.api(`/leads/${leadId}/erase`, { method: "POST", json: {} }));
    expect(
      await stack.services.db("suppressions").where({ tenant_id: stack.tenantId, lead_id: leadId }).count<{ n: number }[]>({ n: "*" }),
    ).toEqual([{ n: 2 }]);
  });

  it("when the erased person's address comes back, then a new lead with it is never enrolled", async () => {
    const seq = await post("/sequences", { name: `Again ${tag()}`, steps: [{ type: "email", subject: "Hello again", body_text: "Hi" }] });
    const p = someone();
    const { leadId } = await submit(p, true);
    await json(stack.api(`/leads/${leadId}/erase`, { method: "POST", json: {} }));

    // The same address (in other case) arrives with consent: a lead of its own (the erased one has no keys to match), never enrolled.
    const { id: eventId } = await json(stack.postLead({ first_name: "Meera", email: p.email.toUpperCase(), gdpr_consent: true }), 202);
    const fresh = await expectEventually(async () => {
      const e = await json(stack.api(`/inbound_events/${eventId}`));
      expect(e.lead_id).toBeTruthy();
      return e.lead_id as string;
    }, 15_000);
    expect(fresh).not.toBe(leadId);
    expect(await post("/enrollments", { lead_id: fresh, sequence_id: seq.id })).toMatchObject({
      status: "exited",
      exit_reason: "unsubscribed",
    });
    expect(mailTo(p.email)).toEqual([]);
  });

  it("when a mail to the erased address was already queued for another record of it, then the send-time check stops it", async () => {
    const seq = await post("/sequences", {
      name: `Later ${tag()}`,
      steps: [{ type: "email", delay_minutes: 60, subject: "Hello later", body_text: "Hi" }],
    });
    const p = someone();
    const { leadId } = await submit(p, true);
    // Made by hand, not merged (so not erased with the person), and already waiting for its first mail.
    const twin = await post("/leads", { first_name: "M", last_name: "K", email: p.email });
    const waiting = await post("/enrollments", { lead_id: twin.id, sequence_id: seq.id });
    expect(waiting).toMatchObject({ status: "active" });
    await json(stack.api(`/leads/${leadId}/erase`, { method: "POST", json: {} }));
    expect(await json(stack.api(`/enrollments/${waiting.id}`))).toMatchObject({ status: "active" });

    offset += 2 * 3_600_000;
    await sweepDueSteps(createJobContext(stack.services));
    await expectEventually(
      async () =>
        expect(await json(stack.api(`/enrollments/${waiting.id}`))).toMatchObject({ status: "exited", exit_reason: "unsubscribed" }),
      15_000,
    );
    expect(mailTo(p.email)).toEqual([]);
  });
});
