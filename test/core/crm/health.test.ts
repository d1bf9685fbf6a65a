import { describe, expect, it } from "vitest";
import { accountHealth, lifecycleFrom } from "../../../core/crm/health.ts";

const quiet = { idle_days: null, open_deals: 0, won_last_year: 0, lost_last_quarter: 0, overdue_tasks: 0 };

describe("account health", () => {
  it("when an account is busy and buying, then it is healthy and says why", () => {
    const h = accountHealth({ idle_days: 3, open_deals: 2, won_last_year: 1, lost_last_quarter: 0, overdue_tasks: 0 });
    expect(h.score).toBe(95);
    expect(h.reasons.map((r) => r.reason)).toEqual(["active 3 days ago", "2 open deals", "1 deal won this year"]);
  });

  it("when an account is silent, losing and behind on tasks, then it sinks, never below zero", () => {
    expect(accountHealth({ idle_days: 90, open_deals: 0, won_last_year: 0, lost_last_quarter: 2, overdue_tasks: 9 })).toEqual({
      score: 0,
      reasons: [
        { points: -20, reason: "silent for 90 days" },
        { points: -10, reason: "2 deals lost this quarter" },
        { points: -20, reason: "9 overdue tasks" },
      ],
    });
    expect(accountHealth(quiet).score).toBe(30);
  });

  it("when deals open or close, then the lifecycle moves forward, never back", () => {
    expect(lifecycleFrom("prospect", { ...quiet, open_deals: 1 })).toBe("opportunity");
    expect(lifecycleFrom("opportunity", { ...quiet, won_last_year: 1 })).toBe("customer");
    expect(lifecycleFrom("customer", quiet)).toBe("customer");
    expect(lifecycleFrom("churned", quiet)).toBe("churned");
  });
});
