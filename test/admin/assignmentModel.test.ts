import { describe, expect, it } from "vitest";
import {
  type AssignmentDryRun,
  type AssignmentRule,
  assignmentDryRunSummary,
  assignmentPayload,
  assignmentRuleErrors,
  emptyAssignmentRule,
  ownerMoves,
  slaText,
  targetText,
} from "../../admin/src/assignment/assignmentModel.ts";

const TEAM = "6f1c2a52-8f8e-4d0b-9a43-1f3f3f3f3f3f";
const USER = "0b1c2a52-8f8e-4d0b-9a43-1f3f3f3f3f3f";
const names = { users: new Map([[USER, "Asha Rao"]]), teams: new Map([[TEAM, "West"]]) };
const rule = (over: Partial<AssignmentRule>): AssignmentRule => ({
  ...emptyAssignmentRule(),
  name: "Maharashtra",
  condition: { all: [{ field: "state", op: "eq", value: "Maharashtra" }] },
  ...over,
});

describe("assignment rules", () => {
  it("when a rule has no target or a bad SLA, then it says so; a team with round robin is fine", () => {
    expect(assignmentRuleErrors(rule({ target_team_id: TEAM }))).toEqual({});
    expect(assignmentRuleErrors(rule({})).target).toBeDefined();
    expect(assignmentRuleErrors(rule({ target_team_id: TEAM, sla_minutes: 0 })).sla_minutes).toBeDefined();
    expect(assignmentRuleErrors(rule({ target_team_id: TEAM, sla_minutes: 200_000 })).sla_minutes).toBeDefined();
  });

  it("when a rule goes to a person, then the payload names only the person", () => {
    expect(assignmentPayload(rule({ target_user_id: USER, target_team_id: TEAM, priority: 20 }))).toEqual({
      name: "Maharashtra",
      description: null,
      condition: { all: [{ field: "state", op: "eq", value: "Maharashtra" }] },
      active: true,
      target_user_id: USER,
      target_team_id: null,
      strategy: "round_robin",
      sla_minutes: null,
      sla_action: "reassign",
    });
  });

  it("when listed, then the target reads with its strategy, and SLAs in hours or days", () => {
    expect(targetText(rule({ target_team_id: TEAM, strategy: "least_loaded" }), names)).toBe("Team West · least loaded");
    expect(targetText(rule({ target_user_id: USER }), names)).toBe("Asha Rao");
    expect(targetText(rule({ target_team_id: "gone" }), names)).toContain("no longer here");
    expect([slaText(30), slaText(90), slaText(120), slaText(2880), slaText(null)]).toEqual([
      "30 min",
      "1 h 30 min",
      "2 h",
      "2 days",
      "no SLA",
    ]);
  });
});

describe("assignment dry run", () => {
  const move = (from: string | null, to: string | null) => ({
    lead_id: `${from}-${to}-${Math.random()}`,
    lead_number: "LEAD-1",
    name: "Lead",
    from_owner_id: from,
    from_owner: from && from.toUpperCase(),
    to_owner_id: to,
    to_owner: to && to.toUpperCase(),
    rule_id: null,
    rule: null,
  });

  it("when leads would move, then per owner the gains and losses, busiest first, unassigned named so", () => {
    const run: AssignmentDryRun = { leads: 10, changed: 3, changes: [move(null, "asha"), move("bilal", "asha"), move("asha", "chitra")] };
    expect(assignmentDryRunSummary(run)).toBe("3 of 10 leads would go to another owner.");
    expect(ownerMoves(run)).toEqual([
      { owner: "ASHA", gains: 2, losses: 1 },
      { owner: "BILAL", gains: 0, losses: 1 },
      { owner: "CHITRA", gains: 1, losses: 0 },
      { owner: "Unassigned", gains: 0, losses: 1 },
    ]);
    expect(assignmentDryRunSummary({ leads: 5, changed: 0, changes: [] })).toBe("All of the latest 5 leads would keep their owner.");
  });
});
