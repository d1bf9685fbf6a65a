import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { json, tag } from "../support/json-api.ts";
import { CRASH_LOCK_SECONDS, spawnWorkerProcess } from "../support/worker-process.ts";
import { newPrefix, startStack, expectEventually, type Stack } from "../support/stack.ts";
import { createDb } from "../../core/db.ts";
import { ALL_TENANTS } from "../../core/tenant-scope.ts";

const PEOPLE = 300;
const AGAIN = 100;

let stack: Stack;
let worker: ChildProcess | null = null;
const prefix = newPrefix();
const t = tag();
const owner = createDb(inject("databaseUrl"), { scope: ALL_TENANTS });

beforeAll(async () => {
  stack = await startStack({ queuePrefix: prefix, env: { WORKER_LOCK_SECONDS: CRASH_LOCK_SECONDS } });
  // This test's leads take a moment each to insert, so a batch is surely open when the worker dies.
  await owner.raw(`CREATE FUNCTION slow_${t}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.004); RETURN NEW; END $$`);
  await owner.raw(`CREATE TRIGGER slow_${t} BEFORE INSERT ON leads FOR EACH ROW
    WHEN (NEW.email LIKE 'crash-%-${t}@example.in') EXECUTE FUNCTION slow_${t}()`);
}, 60_000);
afterAll(async () => {
  worker?.kill("SIGKILL");
  await owner.raw(`DROP TRIGGER IF EXISTS slow_${t} ON leads`);
  await owner.raw(`DROP FUNCTION IF EXISTS slow_${t}()`);
  await owner.destroy();
  await stack?.stop();
});

describe("a worker killed with SIGKILL in the middle of intake batches", () => {
  it("when another worker takes over, then every acknowledged lead exists exactly once and every repeat is merged into it", async () => {
    const db = stack.services.db;
    const email = (i: number) => `crash-${i}-${t}@example.in`;
    // People, then some of them again: the repeats land in later batches, or in the same one.
    const leads = [
      ...Array.from({ length: PEOPLE }, (_, i) => ({ name: `Crash Person${i}`, email: email(i), company: `Crash Co ${i % 7}` })),
      ...Array.from({ length: AGAIN }, (_, i) => ({ name: `Crash Person${i * 3}`, email: email(i * 3), city: "Pune" })),
    ];
    const ids: string[] = [];
    for (let i = 0; i < leads.length; i += 25)
      ids.push(...(await Promise.all(leads.slice(i, i + 25).map(async (l) => (await json(stack.postLead(l), 202)).id as string))));

    worker = await spawnWorkerProcess(prefix);
    const done = () => db("inbound_events").whereIn("id", ids).whereIn("status", ["done", "failed"]).count({ n: "*" });
    // Killed while a batch is being written: its insert is in the database, its transaction open.
    await expectEventually(
      async () => {
        const { rows } = await owner.raw(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'",
        );
        expect(rows[0].n).toBeGreaterThan(0);
      },
      30_000,
      5,
    );
    const dying = once(worker, "exit");
    worker.kill("SIGKILL");
    await dying;
    worker = null;
    const [{ n: atKill }] = await done();
    expect(Number(atKill)).toBeLessThan(ids.length);

    worker = await spawnWorkerProcess(prefix);
    await expectEventually(
      async () => {
        const [{ n }] = await done();
        expect(Number(n)).toBe(ids.length);
      },
      60_000,
      200,
    );
    const events = await db("inbound_events").whereIn("id", ids).select("id", "status", "outcome", "lead_id");
    expect(events.filter((e) => e.status !== "done")).toEqual([]);
    expect(events.filter((e) => e.outcome === "created")).toHaveLength(PEOPLE);
    expect(events.filter((e) => e.outcome === "merged")).toHaveLength(AGAIN);
    const rows = await db("leads").where("tenant_id", stack.tenantId).where("email", "like", `crash-%-${t}@example.in`);
    expect(rows).toHaveLength(PEOPLE);
    expect(new Set(rows.map((r) => r.email)).size).toBe(PEOPLE);
    expect(
      await db("lead_submissions")
        .whereIn(
          "lead_id",
          rows.map((r) => r.id),
        )
        .count({ n: "*" }),
    ).toEqual([{ n: PEOPLE + AGAIN }]);
    // Each repeat went to its person's lead.
    const byEmail = new Map(rows.map((r) => [r.email, r.id]));
    for (let i = 0; i < AGAIN; i++) expect(events.find((e) => e.id === ids[PEOPLE + i])!.lead_id).toBe(byEmail.get(email(i * 3)));
  });
});
