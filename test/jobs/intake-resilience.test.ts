import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { inject } from "vitest";
import { startStack, expectEventually, newPrefix, type Stack } from "../support/stack.ts";
import { handleIntake } from "../../jobs/intake/intake.job.ts";
import { sweepInboundEvents } from "../../core/intake/sweep.ts";
import type { JobContext } from "../../core/context.ts";
import { startWorker } from "../../worker/worker.ts";
import { producerConnection } from "../../core/queues.ts";
import { createJobContext } from "../../worker/job-context.ts";

const ctxOf = (s: Stack): JobContext => ({
  ...createJobContext(s.services),
  settings: { ...createJobContext(s.services).settings, sweepAfterSeconds: 0 },
});

describe("intake as a plain handler", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it("when the same event is handled twice (at-least-once delivery), then one lead exists", async () => {
    const { id } = await (await stack.postLead({ email: `twice-${Date.now()}@example.com`, name: "Twice Tiwari" })).json();
    const data = { tenantId: stack.tenantId, eventId: id };
    const [first, second] = await Promise.all([handleIntake(ctxOf(stack), data), handleIntake(ctxOf(stack), data)]);
    const outcomes = [first.outcome, second.outcome].sort();
    expect(outcomes).toEqual(["created", "skipped"]);
    const leads = await stack.services.db("leads").where({ inbound_event_id: id });
    expect(leads).toHaveLength(1);
    expect((await handleIntake(ctxOf(stack), data)).outcome).toBe("skipped");
  });

  it("when lead numbers are taken concurrently, then each is unique and readable", async () => {
    const ids = await Promise.all(
      Array.from(
        { length: 20 },
        async (_, i) => (await (await stack.postLead({ email: `n${i}-${Date.now()}@example.com` })).json()).id as string,
      ),
    );
    await Promise.all(ids.map((eventId) => handleIntake(ctxOf(stack), { tenantId: stack.tenantId, eventId })));
    const numbers = (await stack.services.db("leads").whereIn("inbound_event_id", ids).pluck("lead_number")) as string[];
    expect(new Set(numbers).size).toBe(20);
    for (const n of numbers) expect(n).toMatch(/^LEAD-\d{6}-\d{5}$/);
  });
});

describe("Redis outage between the 202 and the job", () => {
  let stack: Stack;
  let dead: Redis;
  beforeAll(async () => {
    // The API's producer points at a port where no Redis listens: every enqueue fails.
    dead = producerConnection("redis://127.0.0.1:1");
    stack = await startStack({ redis: dead });
  });
  afterAll(async () => {
    await stack?.stop();
    dead.disconnect();
  });

  it("when Redis is unreachable at ingest, then the lead is still acknowledged and appears once the sweeper runs", async () => {
    const res = await stack.postLead({ email: `outage-${Date.now()}@example.com`, name: "Outage Oberoi" });
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const row = await stack.services.db("inbound_events").where({ id }).first();
    expect(row.status).toBe("received");

    // Redis is back: a healthy producer and a worker on the same prefix.
    const healthy = producerConnection(inject("redisUrl"));
    const { createQueues } = await import("../../core/queues.ts");
    const queues = createQueues(healthy, stack.services.config.queuePrefix);
    const worker = await startWorker({ ...stack.services, queues }, { schedules: false });
    try {
      const swept = await sweepInboundEvents({ ...ctxOf(stack), queues }, 0);
      // Other files may have left re-score runs queued: the sweeper reports those after the events.
      expect(swept.detail).toMatch(/^[1-9]\d* re-enqueued\b/);
      await expectEventually(async () => {
        const ev = await stack.services.db("inbound_events").where({ id }).first();
        expect(ev).toMatchObject({ status: "done", outcome: "created" });
        expect(ev.lead_id).toBeTruthy();
      });
    } finally {
      await worker.close();
      await queues.close();
      healthy.disconnect();
    }
  });
});

describe("an intake commit lost in a database crash", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ worker: true });
  });
  afterAll(() => stack?.stop());

  it("when an event is back to received while its job is kept as completed, then the sweeper clears the job and intake runs again", async () => {
    const { id } = await (await stack.postLead({ email: `lost-commit-${Date.now()}@example.com` })).json();
    const first = await expectEventually(async () => {
      const ev = await stack.services.db("inbound_events").where({ id }).first();
      expect(ev.status).toBe("done");
      return ev;
    });
    // What a crash that lost intake's asynchronous commit leaves behind: no lead, the event waiting.
    await stack.services.db.transaction(async (trx) => {
      await trx("lead_submissions").where({ inbound_event_id: id }).del();
      await trx("activities").where({ record_id: first.lead_id }).del();
      await trx("leads").where({ id: first.lead_id }).del();
      await trx("inbound_events").where({ id }).update({ status: "received", outcome: null, lead_id: null });
    });
    expect(await stack.services.queues.get("intake").getJobState(`intake-${id}`)).toBe("completed");
    await sweepInboundEvents(ctxOf(stack), 0);
    await expectEventually(async () => {
      const ev = await stack.services.db("inbound_events").where({ id }).first();
      expect(ev).toMatchObject({ status: "done", outcome: "created" });
      expect(ev.lead_id).toBeTruthy();
    });
  });
});

describe("two workers side by side", () => {
  let api: Stack;
  let second: Awaited<ReturnType<typeof startWorker>>;
  beforeAll(async () => {
    const prefix = newPrefix();
    api = await startStack({ queuePrefix: prefix, worker: true });
    second = await startWorker(api.services, { schedules: false });
  });
  afterAll(async () => {
    await second?.close();
    await api?.stop();
  });

  it("when 200 leads arrive, then both workers share them and no job runs twice", async () => {
    const ids = await Promise.all(
      Array.from(
        { length: 200 },
        async (_, i) => (await (await api.postLead({ email: `w${i}-${Date.now()}@example.com` })).json()).id as string,
      ),
    );
    await expectEventually(async () => {
      const done = await api.services.db("inbound_events").whereIn("id", ids).where("status", "done").count<{ n: number }[]>({ n: "*" });
      expect(done[0].n).toBe(200);
    }, 30_000);
    expect(await api.services.db("leads").whereIn("inbound_event_id", ids).count<{ n: number }[]>({ n: "*" })).toEqual([{ n: 200 }]);
    await expectEventually(async () => {
      const runs = await api.services.db("job_runs").whereIn("inbound_event_id", ids).select("inbound_event_id", "outcome");
      expect(runs).toHaveLength(200);
      expect(runs.every((r) => r.outcome === "created")).toBe(true);
    });
  });
});
