import { ADMINS, MANAGERS, PAGES, may, type Roles } from "../../../core/permissions.ts";
import type { Permissions } from "../auth/sessionModel.ts";

/** One menu item: a resource's list (shown to whoever may list it) or a page (shown to `roles`). */
export interface MenuEntry {
  key: string;
  to: string;
  label: string;
  testId: string;
  /** Narrower than the API's read list: a page the role may read but has no work on (reps and users). */
  roles?: Roles;
  /** Installation-wide pages: platform admins only, whatever their role in the tenant. */
  platform?: boolean;
}
export interface MenuGroup {
  key: "records" | "capture" | "automation" | "reports" | "settings";
  title: string;
  entries: MenuEntry[];
}

const resource = (key: string, label: string, o: Partial<MenuEntry> = {}): MenuEntry => ({
  key,
  to: `/${key}`,
  label,
  testId: key.replace(/_/g, "-"),
  ...o,
});
const page = (key: keyof typeof PAGES, to: string, label: string, testId: string): MenuEntry => ({
  key,
  to,
  label,
  testId,
  roles: PAGES[key],
});

/** The console's menu, grouped; core/permissions.ts decides who sees what (the API refuses the same). */
export const MENU: MenuGroup[] = [
  {
    key: "records",
    title: "Records",
    entries: [
      { key: "my-leads", to: "/my-leads", label: "My leads", testId: "my-leads" },
      resource("leads", "Leads"),
      { key: "pipeline", to: "/pipeline", label: "Pipeline", testId: "pipeline" },
      resource("opportunities", "Deals"),
      resource("accounts", "Accounts"),
      resource("contacts", "Contacts"),
      resource("tasks", "Tasks"),
      resource("bookings", "Bookings"),
      resource("unit_inventory", "Inventory", { testId: "inventory" }),
    ],
  },
  {
    key: "capture",
    title: "Capture",
    entries: [
      resource("web_forms", "Web forms"),
      resource("partners", "Partners"),
      resource("lead_sources", "Lead sources"),
      resource("campaigns", "Campaigns"),
      resource("imports", "Imports"),
      resource("inbound_events", "Inbound events"),
      resource("duplicate_reviews", "Duplicates", { testId: "duplicates" }),
      resource("alerts", "Alerts"),
    ],
  },
  {
    key: "automation",
    title: "Automation",
    entries: [
      page("scoring", "/scoring", "Scoring", "scoring"),
      page("assignment", "/assignment", "Assignment", "assignment"),
      resource("conversion_rules", "Conversion rules", { roles: MANAGERS }),
      page("sequences", "/sequences", "Sequences", "sequences"),
      page("enrollments", "/enrollments", "Enrolments", "enrollments"),
      page("suppressions", "/suppressions", "Suppressions", "suppressions"),
    ],
  },
  { key: "reports", title: "Reports", entries: [] },
  {
    key: "settings",
    title: "Settings",
    entries: [
      resource("users", "Users", { roles: MANAGERS }),
      resource("teams", "Teams", { roles: MANAGERS }),
      resource("pipeline_stages", "Pipeline stages", { roles: MANAGERS }),
      resource("custom_field_definitions", "Custom fields", { roles: MANAGERS, testId: "custom-fields" }),
      page("dedup_settings", "/dedup/settings", "Duplicate settings", "dedup-settings"),
      page("nurture_settings", "/nurture/settings", "Nurture settings", "nurture-settings"),
      // Shown only while the local mail catcher runs (MailCatcherMenuItem asks the server).
      { key: "mail_catcher", to: "/mail-catcher", label: "Mail catcher", testId: "mail-catcher", roles: ADMINS },
      resource("audit_log", "Audit log"),
      { key: "queues", to: "/queues", label: "Queues", testId: "queues", platform: true },
      { key: "tenants", to: "/tenants", label: "Tenants", testId: "tenants", platform: true },
    ],
  },
];

/** May this user see this entry? */
export function shows(p: Permissions | undefined, e: MenuEntry): boolean {
  if (!p) return false;
  if (e.platform) return p.isPlatformAdmin;
  if (e.roles && !e.roles.includes(p.role)) return false;
  return may(p.role, e.key, "list");
}

/** The groups this user sees, each with the entries they may use; a group left empty is dropped (reports are everyone's). */
export function menuFor(p: Permissions | undefined): MenuGroup[] {
  return MENU.map((g) => ({ ...g, entries: g.entries.filter((e) => shows(p, e)) })).filter(
    (g) => g.key === "reports" || g.entries.length > 0,
  );
}
