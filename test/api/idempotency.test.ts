import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { Agent } from "node:http";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";
import { exchange } from "../support/http.ts";
import { json, tag } from "../support/json-api.ts";
import { createTenantWithAdmin } from "../../core/tenancy.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: true });
});
afterAll(async () => {
  agent.destroy();
  await stack?.stop();
});

interface Answer {
  status: number;
  body: unknown;
}
const answer = async (res: Response): Promise<Answer> => ({ status: res.status, body: await res.json() });

/** 1,000 requests issued at once over at most 250 sockets: more connections at once than that only tests the kernel's accept backlog. */
const agent = new Agent({ keepAlive: true, maxSockets: 250 });
async function postOver(
  agentFor: Agent,
  apiKey: string,
  text: string,
  headers: Record<string, string>,
): Promise<Answer & { retryAfter: number | null }> {
  const res = await exchange(
    `${stack.baseUrl}/ingest/leads`,
    { headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...headers }, body: text },
    agentFor,
  );
  return {
    status: res.status,
    body: JSON.parse(res.body),
    retryAfter: res.headers["retry-after"] ? Number(res.headers["retry-after"]) : null,
  };
}

/** How many leads of this tenant carry this address, once its events are processed. */
async function leadsWith(tenantId: string, email: string) {
  await expectEventually(async () => {
    const waiting = await stack.services
      .db("inbound_events")
      .where("tenant_id", tenantId)
      .whereIn("status", ["received", "processing"])
      .first("id");
    expect(waiting).toBeUndefined();
  }, 20_000);
  const [{ n }] = await stack.services.db("leads").where({ tenant_id: tenantId, email }).count<{ n: number }[]>({ n: "*" });
  return Number(n);
}

describe("Idempotency-Key on POST /ingest/leads", () => {
  it("when 1,000 requests with one key and one lead arrive at once, then there is one lead and every request ends with the same answer (a request that overlaps the first hears 409 and retries)", async () => {
    const key = `order-${tag()}`;
    const lead = JSON.stringify({ name: "Meera Nair", email: `meera.${tag()}@example.com`, company: "Kaveri Foods" });
    let inFlight = 0;
    const firsts: Answer[] = [];
    const finals = await Promise.all(
      Array.from({ length: 1000 }, async () => {
        for (let attempt = 0; ; attempt++) {
          const { retryAfter, ...a } = await postOver(agent, stack.partnerKey, lead, { "idempotency-key": key });
          if (attempt === 0) firsts.push(a);
          if (a.status !== 409) return a;
          // draft-ietf-httpapi-idempotency-key-header §2.7: a request while the first is still processed is a 409 conflict.
          expect(a.body).toMatchObject({ error: { code: "idempotency_in_flight" } });
          expect(retryAfter).toBeGreaterThan(0);
          inFlight++;
          // As a client should: wait as long as Retry-After says.
          await new Promise((r) => setTimeout(r, retryAfter! * 1000));
        }
      }),
    );
    const first = finals[0];
    const statuses: Record<number, number> = {};
    for (const a of [...firsts, ...finals]) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
    expect(finals.filter((a) => a.status !== 202).slice(0, 3), JSON.stringify(statuses)).toEqual([]);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ id: expect.any(String) });
    for (const a of finals) expect(a).toEqual(first);
    for (const a of firsts) expect(a.status === 409 || JSON.stringify(a) === JSON.stringify(first)).toBe(true);
    console.log(
      `idempotency figures: 1000 concurrent requests, ${firsts.filter((a) => a.status === 409).length} first answers 409 in flight, ${inFlight} retries in all, 1 id`,
    );

    const events = await stack.services.db("inbound_events").where({ tenant_id: stack.tenantId, idempotency_key: key }).pluck("id");
    expect(events).toEqual([(first.body as { id: string }).id]);
    expect(await leadsWith(stack.tenantId, JSON.parse(lead).email)).toBe(1);
  }, 60_000);

  it("when the same key comes with another body, then 422 idempotency_key_reused and nothing is stored", async () => {
    const key = `k-${tag()}`;
    const email = `arjun.${tag()}@example.com`;
    const ok = await json(stack.postLead({ name: "Arjun Rao", email }, { "idempotency-key": key }), 202);
    const again = await stack.postLead({ name: "Arjun Rao", email: `other.${tag()}@example.com` }, { "idempotency-key": key });
    expect(again.status).toBe(422);
    expect((await again.json()).error.code).toBe("idempotency_key_reused");
    // The same body again is still the first answer.
    const replay = await stack.postLead({ name: "Arjun Rao", email }, { "idempotency-key": key });
    expect(replay.status).toBe(202);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual(ok);
    expect(await stack.services.db("inbound_events").where({ tenant_id: stack.tenantId, idempotency_key: key }).pluck("id")).toEqual([
      ok.id,
    ]);
  });

  it("when a request comes while the first with its key is still being stored, then 409 idempotency_in_flight; once the first is answered, the same answer", async () => {
    const key = `slow-${tag()}`;
    const body = { name: "Slow First", email: `slow.${tag()}@example.com` };
    // The first request's insert waits on the unique index behind a row this test holds uncommitted.
    const trx = await stack.services.db.transaction();
    try {
      await trx("inbound_events").insert({
        id: randomUUID(),
        tenant_id: stack.tenantId,
        channel: "api",
        format: "canonical",
        idempotency_key: key,
        body_hash: "held-by-test",
      });
      const first = stack.postLead(body, { "idempotency-key": key });
      await expectEventually(async () => {
        const { rows } = await stack.services.pg.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%inbound_events%'",
        );
        expect(rows[0].n).toBeGreaterThan(0);
      });
      const second = await stack.postLead(body, { "idempotency-key": key });
      expect(second.status).toBe(409);
      expect(second.headers.get("retry-after")).toBe("1");
      expect((await second.json()).error).toMatchObject({ code: "idempotency_in_flight" });
      await trx.rollback();
      const answered = await answer(await first);
      expect(answered.status).toBe(202);
      expect(await answer(await stack.postLead(body, { "idempotency-key": key }))).toEqual(answered);
    } finally {
      if (!trx.isCompleted()) await trx.rollback();
    }
  });

  it("when a key is replayed 25 hours and 8 days later, then it still answers the first lead: keys are kept (inbound events are never deleted)", async () => {
    const key = `old-${tag()}`;
    const body = { name: "Kept Key", email: `kept.${tag()}@example.com` };
    const first = await json(stack.postLead(body, { "idempotency-key": key }), 202);
    for (const hours of [25, 8 * 24]) {
      await stack.services
        .db("inbound_events")
        .where("id", first.id)
        .update({ created_at: stack.services.db.raw(`now() - interval '${hours} hours'`) });
      const later = await stack.postLead(body, { "idempotency-key": key });
      expect(later.status).toBe(202);
      expect(await later.json()).toEqual(first);
    }
    expect(await leadsWith(stack.tenantId, body.email)).toBe(1);
  });

  it("when another tenant uses the same key with the same body, then it gets its own lead; each tenant's key is its own", async () => {
    const key = `shared-${tag()}`;
    const t = tag();
    const { tenant: b } = await createTenantWithAdmin(stack.services.db, {
      name: `Tenant B ${t}`,
      adminEmail: `b-${t}@test.leadhub.local`,
      adminPassword: `pw-${t}-secret`,
    });
    const { token } = await json(
      fetch(`${stack.baseUrl}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: `b-${t}@test.leadhub.local`, password: `pw-${t}-secret` }),
      }),
    );
    const partnerB = await json(stack.api("/partners", { method: "POST", json: { name: "B's partner" }, token }), 201);
    const lead = JSON.stringify({ name: "Shared Key", email: `shared.${t}@example.com` });
    const post = (apiKey: string, text = lead) =>
      fetch(`${stack.baseUrl}/ingest/leads`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "idempotency-key": key },
        body: text,
      });

    const a = await json(post(stack.partnerKey), 202);
    const fromB = await json(post(partnerB.apiKey), 202);
    expect(fromB.id).not.toBe(a.id);
    // B's own replay answers B's event; another body under the key is refused only within B.
    expect(await json(post(partnerB.apiKey), 202)).toEqual(fromB);
    expect((await post(partnerB.apiKey, JSON.stringify({ name: "Other", email: `other.${t}@example.com` }))).status).toBe(422);
    expect(await json(post(stack.partnerKey), 202)).toEqual(a);

    expect(await leadsWith(stack.tenantId, `shared.${t}@example.com`)).toBe(1);
    expect(await leadsWith(b.id, `shared.${t}@example.com`)).toBe(1);
  });
});
