import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { randomBytes, randomUUID } from "node:crypto";
import { appDatabaseUrl, createDb } from "../../core/db.ts";
import { createLogger } from "../../core/logger.ts";
import { erasePerson } from "../../core/privacy/erase.ts";
import { findPerson } from "../../core/privacy/person.ts";
import { ALL_TENANTS, NO_TENANT, withTenant } from "../../core/tenant-scope.ts";
import { createTenantWithAdmin } from "../../core/tenancy.ts";
import { TraceWriter, type TraceRow } from "../../worker/trace.ts";

/**
 * The worker buffers its pipeline trace (~200 ms) and a trace row can say what a job did with a
 * person's data (a mail's subject with their name). An erasure while such a row waits in the buffer
 * must not leave it behind: found by the privacy test, which now and then saw the name in job_runs.
 */
const owner = createDb(inject("databaseUrl"), { scope: ALL_TENANTS });
const app = createDb(appDatabaseUrl(inject("databaseUrl")), { scope: NO_TENANT });
const log = createLogger("silent");
let tenantId: string;
let leadId: string;

beforeAll(async () => {
  const s = randomBytes(4).toString("hex");
  ({
    tenant: { id: tenantId },
  } = await createTenantWithAdmin(owner, {
    name: `Trace ${s}`,
    adminEmail: `trace-${s}@test.leadhub.local`,
    adminPassword: `pw-${s}-secret`,
  }));
  [{ id: leadId }] = await owner("leads")
    .insert({
      tenant_id: tenantId,
      lead_number: `TRACE-${s}`,
      first_name: "Meera",
      last_name: `Kulkarni${s}`,
      email: `meera.${s}@example.in`,
    })
    .returning("id");
});
afterAll(() => Promise.all([owner.destroy(), app.destroy()]));

const row = (detail: string): TraceRow => ({
  tenant_id: tenantId,
  lead_id: leadId,
  inbound_event_id: null,
  queue: "nurture.step",
  job_id: randomBytes(4).toString("hex"),
  attempt: 1,
  outcome: "sent",
  detail,
  started_at: new Date(),
  duration_ms: 12,
});

/** The person's erasure, as the privacy endpoint runs it. */
async function erase(lead: string) {
  const person = await withTenant(tenantId, () => findPerson(app, tenantId, lead));
  await withTenant(tenantId, () => app.transaction((trx) => erasePerson(trx, person!, { now: new Date(), userId: null })));
}

/** A lead of the tenant and a processed inbound event that made it. */
async function leadWithEvent(firstName: string): Promise<{ lead: string; eventId: string }> {
  const [{ id: lead }] = await owner("leads")
    .insert({ tenant_id: tenantId, lead_number: `TRACE-${randomBytes(3).toString("hex")}`, first_name: firstName })
    .returning("id");
  const [{ id: eventId }] = await owner("inbound_events")
    .insert({ id: randomUUID(), tenant_id: tenantId, channel: "api", status: "done", lead_id: lead })
    .returning("id");
  return { lead, eventId };
}

/** A writer of its own (no timer flushes), given `steps`, then closed. */
async function withWriter(steps: (writer: TraceWriter) => Promise<void>) {
  const writer = new TraceWriter(app, log, 3_600_000);
  try {
    await steps(writer);
  } finally {
    await writer.close();
  }
}

it("when a lead is erased while its trace rows wait in the worker's buffer, then they are written without their detail", async () => {
  await withWriter(async (writer) => {
    writer.add(row("sent: Hello Meera (before)"));
    await writer.flush();
    writer.add(row("sent: Hello Meera (buffered)"));
    await erase(leadId);
    await writer.flush();
    writer.add(row("sent: Hello Meera (after)"));
    await writer.flush();
  });
  const details = await owner("job_runs").where({ tenant_id: tenantId, lead_id: leadId }).orderBy("id").pluck("detail");
  expect(details).toEqual([null, null, null]);
});

it("when a buffered row names its lead only through its inbound event and the lead is erased, then it is written without its detail", async () => {
  const { lead, eventId } = await leadWithEvent("Kavya");
  await withWriter(async (writer) => {
    writer.add({ ...row("intake: Kavya"), lead_id: null, inbound_event_id: eventId, queue: "lead.intake" });
    await erase(lead);
    await writer.flush();
  });
  expect(await owner("job_runs").where({ tenant_id: tenantId, inbound_event_id: eventId }).pluck("detail")).toEqual([null]);
});

it("when a row's lead is not erased, then its detail is kept, whether it names the lead or only its event", async () => {
  const { lead, eventId } = await leadWithEvent("Arjun");
  await withWriter(async (writer) => {
    writer.add({ ...row("created: Arjun"), lead_id: lead });
    writer.add({ ...row("intake: Arjun"), lead_id: null, inbound_event_id: eventId });
    await writer.flush();
  });
  const details = await owner("job_runs")
    .where({ tenant_id: tenantId })
    .whereIn("detail", ["created: Arjun", "intake: Arjun"])
    .pluck("detail");
  expect(details.sort()).toEqual(["created: Arjun", "intake: Arjun"]);
});
