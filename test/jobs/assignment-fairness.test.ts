import { afterAll, beforeAll, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { newPrefix, startStack, expectEventually, type Stack } from "../support/stack.ts";

/** Five worker processes' worth of BullMQ workers (each its own pool and Redis connections) on one queue prefix. */
const WORKERS = 5;
const REPS = 7;
const PER_REP = 60;

const stacks: Stack[] = [];
beforeAll(async () => {
  const queuePrefix = newPrefix();
  // Four jobs at a time each: twenty racing for the pointer, without starving the suite's other files of connections.
  for (let i = 0; i < WORKERS; i++) stacks.push(await startStack({ queuePrefix, worker: true, env: { WORKER_CONCURRENCY: "4" } }));
});
afterAll(async () => {
  await Promise.all(stacks.map((s) => s.stop()));
});

it("when leads go through five workers at once to a team of seven, then round robin gives each rep its share ± 1", async () => {
  const [main] = stacks;
  const json = async (path: string, body: unknown) => {
    const res = await main.api(path, { method: "POST", json: body });
    expect(res.status).toBe(201);
    return res.json();
  };
  const team = await json("/teams", { name: "Inside sales" });
  const reps: string[] = [];
  for (let i = 0; i < REPS; i++)
    reps.push(
      (
        await json("/users", {
          email: `rep${i}-${randomBytes(3).toString("hex")}@acme.test`,
          name: `Rep ${i}`,
          password: "rep-password-1",
          role: "rep",
          team_id: team.id,
          notify_new_leads: "off",
        })
      ).id,
    );
  await json("/assignment_rules", { name: "Everyone", condition: { all: [] }, target_team_id: team.id, strategy: "round_robin" });

  const total = REPS * PER_REP;
  const tag = randomBytes(3).toString("hex");
  // Posted 20 at a time: the workers see a deep queue and race for the pointer.
  for (let i = 0; i < total; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, total - i) }, (_, k) =>
        main
          .postLead({ first_name: `Fair${i + k}`, email: `fair${i + k}.${tag}@company${i + k}.in` })
          .then((r) => expect(r.status).toBe(202)),
      ),
    );
  }
  const counts = await expectEventually(
    async () => {
      const rows: { owner_id: string | null; n: number }[] = await main.services
        .db("leads")
        .where("tenant_id", main.tenantId)
        .groupBy("owner_id")
        .select("owner_id", main.services.db.raw("count(*)::int as n"));
      expect(rows.reduce((s, r) => s + r.n, 0)).toBe(total);
      return rows;
    },
    60_000,
    200,
  );
  expect(counts.find((r) => r.owner_id === null)).toBeUndefined();
  for (const id of reps) expect(Math.abs((counts.find((r) => r.owner_id === id)?.n ?? 0) - PER_REP)).toBeLessThanOrEqual(1);
}, 90_000);
