import { describe, expect, it } from "vitest";
import { describeChanges, recordPath } from "../../admin/src/resources/audit_log/auditModel.ts";

describe("the audit log as people read it", () => {
  it("an update reads field: before → after; a create or action reads field: value; long values are cut", () => {
    expect(describeChanges({ name: { from: "Acme", to: "Acme Ltd" }, owner_id: { from: null, to: "u1" } })).toEqual([
      "name: Acme → Acme Ltd",
      "owner_id: — → u1",
    ]);
    expect(describeChanges({ rules: 3, removed: 0 })).toEqual(["rules: 3", "removed: 0"]);
    expect(describeChanges({ note: "x".repeat(100) })[0]).toHaveLength("note: ".length + 60);
    expect(describeChanges({})).toEqual([]);
    expect(describeChanges(null)).toEqual([]);
  });
  it("a record opens on its own page unless it was deleted or erased", () => {
    expect(recordPath({ record_type: "accounts", record_id: "a1", action: "update" })).toBe("/accounts/a1/show");
    expect(recordPath({ record_type: "leads", record_id: "l1", action: "erase" })).toBeNull();
    expect(recordPath({ record_type: "dedup_rules", record_id: "t1", action: "update" })).toBeNull();
  });
});
