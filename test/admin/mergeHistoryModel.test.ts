import { describe, expect, it } from "vitest";
import {
  type LeadMerge,
  mergeState,
  mergeTitle,
  mergedBy,
  undoableMerge,
  valueRows,
} from "../../admin/src/resources/leads/mergeHistoryModel.ts";

const merge = (over: Partial<LeadMerge>): LeadMerge => ({ id: "m", kind: "lead", created_at: "2026-11-22T10:00:00Z", ...over });

describe("mergeTitle and mergedBy", () => {
  it("when a repeat submission merged on arrival, then its channel and 'automatically'", () => {
    const m = merge({ kind: "submission", channel: "webhook" });
    expect(mergeTitle(m)).toBe("Submission via webhook merged in");
    expect(mergedBy(m)).toBe("automatically on arrival");
  });
  it("when a reviewer merged another lead, then its number and the reviewer's name", () => {
    const m = merge({ merged_lead_number: "LD-000042", merged_by_name: "Priya Sharma" });
    expect(mergeTitle(m)).toBe("Lead LD-000042 merged in");
    expect(mergedBy(m)).toBe("Priya Sharma");
  });
});

describe("mergeState", () => {
  it("when undone, then grey 'Undone'; else 'Merged'", () => {
    expect(mergeState(merge({ undone_at: "2026-11-22T11:00:00Z" }))).toEqual({ label: "Undone", tone: "grey" });
    expect(mergeState(merge({})).label).toBe("Merged");
  });
});

describe("valueRows", () => {
  it("when values were taken, then labelled like the lead page, blanks dropped, sorted by label", () => {
    expect(valueRows({ phone_e164: "+919822000001", city: "Pune", company: null, budget: 2500000 })).toEqual([
      { field: "budget", label: "Budget", value: "2500000" },
      { field: "city", label: "City", value: "Pune" },
      { field: "phone_e164", label: "Phone", value: "+919822000001" },
    ]);
    expect(valueRows(null)).toEqual([]);
  });
});

describe("undoableMerge", () => {
  it("when the newest merge is already undone, then the one before it is next", () => {
    const merges = [
      merge({ id: "old", created_at: "2026-11-20T10:00:00Z" }),
      merge({ id: "new", created_at: "2026-11-22T10:00:00Z", undone_at: "2026-11-22T11:00:00Z" }),
    ];
    expect(undoableMerge(merges)?.id).toBe("old");
    expect(undoableMerge([])).toBeNull();
  });
});
