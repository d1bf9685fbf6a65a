import { describe, expect, it } from "vitest";
import { actionName, describeChanges, fieldName, recordPath, recordText } from "../../admin/src/resources/audit_log/auditModel.ts";

describe("the audit log as people read it", () => {
  it("an update reads Field: before → after; a create or action reads Field: value; long values are cut", () => {
    expect(describeChanges({ name: { from: "Acme", to: "Acme Ltd" }, owner_id: { from: null, to: "u1" } })).toEqual([
      "Name: Acme → Acme Ltd",
      "Owner: — → u1",
    ]);
    expect(describeChanges({ rules: 3, removed: 0 })).toEqual(["Rules: 3", "Removed: 0"]);
    expect(describeChanges({ note: "x".repeat(100) })[0]).toHaveLength("Note: ".length + 60);
    expect(describeChanges({})).toEqual([]);
    expect(describeChanges(null)).toEqual([]);
  });
  it("a reference reads by the names written with the row; yes/no for flags; internal ids stay out", () => {
    expect(
      describeChanges({
        stage_id: { from: "s1", to: "s2", from_label: "Qualification", to_label: "Proposal" },
        gdpr_consent: { from: false, to: true },
      }),
    ).toEqual(["Stage: Qualification → Proposal", "Marketing consent: no → yes"]);
    expect(describeChanges({ merged_lead: "LEAD-202612-00048 Rahul Patil", merge_id: "m1" })).toEqual([
      "Merged in: LEAD-202612-00048 Rahul Patil",
    ]);
    expect(fieldName("first_name")).toBe("First name");
    expect(actionName("not_duplicate")).toBe("not a duplicate");
  });
  it("a record reads by its label (older rows: type and short id) and opens on its own page unless it was deleted or erased", () => {
    expect(recordText({ record_type: "leads", record_id: "l1", record_label: "Lead LEAD-202612-00048 Rahul Patil" })).toBe(
      "Lead LEAD-202612-00048 Rahul Patil",
    );
    expect(recordText({ record_type: "accounts", record_id: "0123456789abcdef", record_label: null })).toBe("accounts 01234567");
    expect(recordPath({ record_type: "accounts", record_id: "a1", action: "update" })).toBe("/accounts/a1/show");
    expect(recordPath({ record_type: "imports", record_id: "i1", action: "import_complete" })).toBe("/imports/i1/show");
    expect(recordPath({ record_type: "leads", record_id: "l1", action: "erase" })).toBeNull();
    expect(recordPath({ record_type: "dedup_rules", record_id: "t1", action: "update" })).toBeNull();
  });
});
