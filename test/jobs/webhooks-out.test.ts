import { afterAll, beforeAll, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { sendWebhooks } from "../../jobs/webhooks/send-webhooks.job.ts";
import { verifyLeadhubSignature } from "../../core/capture/signatures.ts";
import type { Role } from "../../api/types.ts";

/** A subscriber: answers 500 to the first `failFirst` requests, then 200; keeps what it received. */
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
let failFirst = 0;
let receiver: Server;
let receiverUrl: string;
let failingUrl: string;
let stack: Stack;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      // A subscription aimed at /failing stays due: its deliveries wait, pending, for their next attempt.
      res.statusCode = failFirst-- > 0 || req.url?.startsWith("/failing") ? 500 : 200;
      res.end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  failingUrl = receiverUrl.replace("/hooks", "/failing");
  // The receiver is on 127.0.0.1: allowed here (through the old name, an alias of OUTBOUND_ALLOW_PRIVATE), refused by default (see below).
  stack = await startStack({ worker: true, env: { WEBHOOKS_ALLOW_PRIVATE: "true" } });
});
afterAll(async () => {
  await stack?.stop();
  await new Promise((r) => receiver.close(r));
});

const api = async (path: string, init: { method?: string; json?: unknown } = {}, status = 200) => {
  const res = await stack.api(path, { method: init.method ?? "GET", json: init.json });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
};

it("when leads are created and converted, then subscribers get signed events from the outbox, retried after a failure, and a delivery can be replayed", async () => {
  expect((await stack.api("/webhook_subscriptions", { method: "POST", json: { url: "ftp://x", events: ["lead.created"] } })).status).toBe(
    422,
  );
  const sub = await api(
    "/webhook_subscriptions",
    { method: "POST", json: { url: receiverUrl, events: ["lead.created", "lead.converted", "opportunity.stage_changed"] } },
    201,
  );
  expect(sub.secret).toMatch(/^whsec_/);
  expect(JSON.stringify(await api(`/webhook_subscriptions/${sub.id}`))).not.toContain(sub.secret);

  const { id: eventId } = await (
    await stack.postLead({ first_name: "Hook", email: `hook.${randomBytes(3).toString("hex")}@acme.in`, company: "Acme Hooks" })
  ).json();
  const ev = await expectEventually(async () => {
    const e = await api(`/inbound_events/${eventId}`);
    expect(e.lead_id).toBeTruthy();
    return e;
  });
  const ctx = createJobContext(stack.services);
  failFirst = 1;
  await sendWebhooks(ctx);
  let [delivery] = await api(`/webhook_deliveries?filter=${encodeURIComponent(JSON.stringify({ subscription_id: sub.id }))}`);
  expect(delivery).toMatchObject({ event_type: "lead.created", status: "pending", attempts: 1, response_code: 500, error: "answered 500" });

  // Due again after its backoff: make it due now, as the clock would.
  await stack.services
    .db("webhook_deliveries")
    .where("id", delivery.id)
    .update({ next_attempt_at: new Date(Date.now() - 1000) });
  await sendWebhooks(ctx);
  [delivery] = await api(`/webhook_deliveries?filter=${encodeURIComponent(JSON.stringify({ subscription_id: sub.id }))}`);
  expect(delivery).toMatchObject({ status: "delivered", attempts: 2, response_code: 200 });

  const last = received[received.length - 1];
  expect(
    verifyLeadhubSignature(
      last.headers["x-leadhub-signature"] as string,
      Buffer.from(last.body),
      sub.secret,
      Math.floor(Date.now() / 1000),
    ),
  ).toMatchObject({ ok: true });
  const body = JSON.parse(last.body);
  expect(body).toMatchObject({ type: "lead.created", data: { id: ev.lead_id, first_name: "Hook", company: "Acme Hooks" } });
  expect(last.headers["x-leadhub-event-id"]).toBe(body.id);
  expect(received.map((r) => JSON.parse(r.body).id)).toEqual([body.id, body.id]);

  // Conversion writes its events in its own transaction; subscribers get only the types they asked for.
  await api(`/leads/${ev.lead_id}/convert`, { method: "POST", json: {} }, 201);
  await sendWebhooks(ctx);
  const types = received.slice(2).map((r) => JSON.parse(r.body).type);
  expect(types).toEqual(["lead.converted"]);

  // Replayed by hand: sent again, same event id.
  const replay = await api(`/webhook_deliveries/${delivery.id}/replay`, { method: "POST", json: {} }, 202);
  expect(replay.status).toBe("pending");
  await sendWebhooks(ctx);
  expect(JSON.parse(received[received.length - 1].body).id).toBe(body.id);
  expect((await api(`/webhook_deliveries/${delivery.id}`)).status).toBe("delivered");
});

it("when private addresses are not allowed, then a subscription aimed at one is refused at sending, and says why", async () => {
  const sub = await api("/webhook_subscriptions", { method: "POST", json: { url: receiverUrl, events: ["*"] } }, 201);
  await stack.postLead({ first_name: "Inside", email: `inside.${randomBytes(3).toString("hex")}@acme.in` });
  const ctx = createJobContext(stack.services);
  const strict = { ...ctx, settings: { ...ctx.settings, outboundAllowPrivate: false } };
  const sent = received.length;
  await expectEventually(async () => {
    await sendWebhooks(strict);
    const [d] = await api(`/webhook_deliveries?filter=${encodeURIComponent(JSON.stringify({ subscription_id: sub.id }))}`);
    expect(d).toMatchObject({
      status: "pending",
      error: "refused: 127.0.0.1 is a loopback address; set OUTBOUND_ALLOW_PRIVATE to allow it",
    });
  });
  expect(received.length).toBe(sent);
});

const byDelivery = (id: string) => received.filter((r) => r.headers["x-leadhub-delivery"] === id).length;
const deliveriesOf = (subId: string) => api(`/webhook_deliveries?filter=${encodeURIComponent(JSON.stringify({ subscription_id: subId }))}`);
const makeDue = (ids: string[]) =>
  stack.services
    .db("webhook_deliveries")
    .whereIn("id", ids)
    .update({ next_attempt_at: new Date(Date.now() - 1000) });

/** A subscription to the failing path with one delivery tried once and pending again. */
async function pendingDelivery(): Promise<{ sub: { id: string }; delivery: { id: string } }> {
  const sub = await api("/webhook_subscriptions", { method: "POST", json: { url: failingUrl, events: ["lead.created"] } }, 201);
  const { id: eventId } = await (
    await stack.postLead({ first_name: "Pend", email: `pend.${randomBytes(3).toString("hex")}@acme.in` })
  ).json();
  await expectEventually(async () => expect((await api(`/inbound_events/${eventId}`)).lead_id).toBeTruthy());
  const ctx = createJobContext(stack.services);
  const delivery = await expectEventually(async () => {
    await sendWebhooks(ctx);
    const [d] = await deliveriesOf(sub.id);
    expect(d).toMatchObject({ status: "pending", attempts: 1, error: "answered 500" });
    return d;
  });
  expect(byDelivery(delivery.id)).toBe(1);
  return { sub, delivery };
}

it("when a subscription is deleted, then its pending deliveries are cancelled and its receiver hears no more", async () => {
  const { sub, delivery } = await pendingDelivery();
  await api(`/webhook_subscriptions/${sub.id}`, { method: "DELETE" });
  expect(await api(`/webhook_deliveries/${delivery.id}`)).toMatchObject({ status: "cancelled" });
  await makeDue([delivery.id]);
  await sendWebhooks(createJobContext(stack.services));
  expect(byDelivery(delivery.id)).toBe(1);
  // A replay cannot bring it back to a subscription that is gone.
  const replay = await stack.api(`/webhook_deliveries/${delivery.id}/replay`, { method: "POST", json: {} });
  expect(replay.status).toBe(409);
  expect((await replay.json()).error.code).toBe("webhooks_subscription_inactive");
});

it("when a subscription is deactivated, then its pending deliveries are cancelled; one left pending by another path is never sent", async () => {
  const { sub, delivery } = await pendingDelivery();
  await api(`/webhook_subscriptions/${sub.id}`, { method: "PUT", json: { is_active: false } });
  expect(await api(`/webhook_deliveries/${delivery.id}`)).toMatchObject({ status: "cancelled" });
  // Belt and braces: a row made pending behind the API's back (a sender that was mid-send) is skipped, and cancelled.
  await stack.services
    .db("webhook_deliveries")
    .where("id", delivery.id)
    .update({ status: "pending", next_attempt_at: new Date(Date.now() - 1000) });
  await sendWebhooks(createJobContext(stack.services));
  expect(byDelivery(delivery.id)).toBe(1);
  expect(await api(`/webhook_deliveries/${delivery.id}`)).toMatchObject({ status: "cancelled" });
});

it("when an admin cancels a pending delivery, then it is cancelled, audited and not sent; a rep or marketer may not; a cancelled one cannot be cancelled again", async () => {
  const { delivery } = await pendingDelivery();
  const tokens: Record<string, string> = {};
  for (const role of ["rep", "marketer"] as Role[]) {
    const email = `${role}.${randomBytes(3).toString("hex")}@acme.in`;
    await api("/users", { method: "POST", json: { email, name: `A ${role}`, password: "cancel-pass-1", role } }, 201);
    const login = await fetch(`${stack.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "cancel-pass-1" }),
    });
    tokens[role] = (await login.json()).token;
    const res = await stack.api(`/webhook_deliveries/${delivery.id}/cancel`, { method: "POST", json: {}, token: tokens[role] });
    expect(res.status, role).toBe(403);
  }
  expect(await api(`/webhook_deliveries/${delivery.id}`)).toMatchObject({ status: "pending" });

  const cancelled = await api(`/webhook_deliveries/${delivery.id}/cancel`, { method: "POST", json: {} });
  expect(cancelled).toMatchObject({ id: delivery.id, status: "cancelled" });
  const [entry] = await api(
    `/audit_log?filter=${encodeURIComponent(JSON.stringify({ record_type: "webhook_deliveries", record_id: delivery.id }))}`,
  );
  expect(entry).toMatchObject({ action: "cancel", changes: { status: { from: "pending", to: "cancelled" } } });
  await makeDue([delivery.id]);
  await sendWebhooks(createJobContext(stack.services));
  expect(byDelivery(delivery.id)).toBe(1);

  const again = await stack.api(`/webhook_deliveries/${delivery.id}/cancel`, { method: "POST", json: {} });
  expect(again.status).toBe(409);
  expect((await again.json()).error.code).toBe("webhooks_not_pending");
  expect((await stack.api("/webhook_deliveries/00000000-0000-4000-8000-000000000000/cancel", { method: "POST", json: {} })).status).toBe(
    404,
  );
});
