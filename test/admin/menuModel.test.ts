import { describe, expect, it } from "vitest";
import { menuFor } from "../../admin/src/layout/menuModel.ts";
import { may, PERMISSIONS } from "../../core/permissions.ts";
import type { Role } from "../../core/vocabulary.ts";

const as = (role: Role, isPlatformAdmin = false) => ({ role, isPlatformAdmin, canManageUsers: role === "admin" || role === "manager" });
const labels = (role: Role, isPlatformAdmin = false) =>
  Object.fromEntries(menuFor(as(role, isPlatformAdmin)).map((g) => [g.key, g.entries.map((e) => e.label)]));

describe("the console's menu by role (core/permissions.ts)", () => {
  it("when a rep signs in, then the menu holds their records and reports, no capture set-up, inbound events or settings", () => {
    const m = labels("rep");
    expect(Object.keys(m)).toEqual(["records", "capture", "reports"]);
    expect(m.capture).toEqual(["Lead sources", "Campaigns"]);
    expect(JSON.stringify(m)).not.toMatch(/Inbound events|Partners|Users|Audit log|Queues/);
  });

  it("when a marketer signs in, then partners, forms and inbound events are theirs, and settings are not", () => {
    const m = labels("marketer");
    expect(m.capture).toEqual(expect.arrayContaining(["Partners", "Web forms", "Inbound events", "Imports", "Alerts"]));
    expect(m.settings).toBeUndefined();
    expect(may("marketer", "partners", "create")).toBe(true);
    expect(may("marketer", "opportunities", "create")).toBe(false);
  });

  it("when a manager signs in, then Users, Teams and the audit log are one group under Settings; creating users is an admin's", () => {
    const m = labels("manager");
    expect(m.settings).toEqual(expect.arrayContaining(["Users", "Teams", "Audit log"]));
    expect(m.settings).not.toContain("Queues");
    expect(may("manager", "users", "list")).toBe(true);
    expect(may("manager", "users", "create")).toBe(false);
    expect(may("manager", "partners", "delete")).toBe(true);
  });

  it("when a platform admin signs in, then queues and tenants show too; an unknown resource is left to the API", () => {
    expect(labels("admin", true).settings).toEqual(expect.arrayContaining(["Queues", "Tenants"]));
    expect(labels("admin", false).settings).not.toContain("Queues");
    expect(may("rep", "milestones", "create")).toBe(true);
    expect(may(undefined, "partners", "list")).toBe(false);
    // Every admin may do what any role may.
    for (const p of Object.values(PERMISSIONS)) for (const roles of [p.read, p.write]) if (roles.length) expect(roles).toContain("admin");
  });
});
