import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import { startStack, type Stack } from "../support/stack.ts";
import { checkSourceHealth } from "../../jobs/maintenance/source-health.job.ts";
import { createJobContext } from "../../worker/job-context.ts";
import type { Mailer } from "../../core/context.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

/** Deliveries from the partner: `n` of them, `gapMinutes` apart, ending `endMinutesAgo` ago. */
async function deliveries(n: number, gapMinutes: number, endMinutesAgo: number, status: "done" | "failed" = "done") {
  const now = Date.now();
  await stack.services.db("inbound_events").insert(
    Array.from({ length: n }, (_, i) => ({
      id: uuidv7(),
      tenant_id: stack.tenantId,
      channel: "webhook",
      format: "generic",
      partner_id: stack.partnerId,
      status,
      outcome: status === "done" ? "created" : "rejected",
      created_at: new Date(now - (endMinutesAgo + i * gapMinutes) * 60_000),
    })),
  );
}

describe("source health alerts", () => {
  it("when a partner that sends every 10 minutes goes quiet for hours, then one alert is raised and mailed, and it resolves when deliveries resume", async () => {
    await deliveries(30, 10, 240);
    const sent: string[] = [];
    const mailer: Mailer = { send: async (m) => (sent.push(`${m.to} ${m.subject}`), { messageId: "x" }) };
    const ctx = { ...createJobContext(stack.services), mailer };
    await checkSourceHealth(ctx);
    await checkSourceHealth(ctx);
    const open = await stack.services
      .db("alerts")
      .where({ tenant_id: stack.tenantId, source_id: stack.partnerId })
      .whereNull("resolved_at");
    expect(open.map((a) => a.kind)).toEqual(["silent"]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(stack.adminEmail);

    await deliveries(1, 0, 0);
    await checkSourceHealth(ctx);
    const still = await stack.services
      .db("alerts")
      .where({ tenant_id: stack.tenantId, source_id: stack.partnerId, kind: "silent" })
      .whereNull("resolved_at");
    expect(still).toHaveLength(0);
  });

  it("when the day's error rate jumps far above the week's, then an error_rate alert is raised", async () => {
    // A healthy week behind it (200 good deliveries over days 2-6), then a failing day.
    await deliveries(200, 30, 1500);
    await deliveries(25, 20, 1, "failed");
    await checkSourceHealth(createJobContext(stack.services));
    const open = await stack.services
      .db("alerts")
      .where({ tenant_id: stack.tenantId, source_id: stack.partnerId, kind: "error_rate" })
      .whereNull("resolved_at");
    expect(open).toHaveLength(1);
    expect(open[0].message).toMatch(/% of deliveries failed/);
  });
});
