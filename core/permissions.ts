/**
 * What each role may do with the tenant's set-up and records: the role lists the API's resources
 * check (`readRoles` / `writeRoles`, `requireRole`) and the console's menu, buttons and bulk actions
 * are derived from (admin/src/layout/menuModel.ts, the auth provider's canAccess). The console bundles this file (like
 * core/vocabulary.ts; .dependency-cruiser.cjs and admin/vite.config.ts allow exactly these two), so it
 * imports nothing but the vocabulary's types. Who sees which *rows* is another rule: core/access.ts.
 * The README's "Roles" table says the same in words; test/api/roles-matrix.test.ts holds the API to it.
 */
import type { Role } from "./vocabulary.ts";

export type Roles = readonly Role[];
export const EVERYONE: Roles = ["admin", "manager", "rep", "marketer"];
/** Those who sell: reps work leads, deals, accounts. */
export const SELLERS: Roles = ["admin", "manager", "rep"];
/** Those who run lead capture (partners, lead sources, forms, imports, inbound events): marketing and the managers. */
export const SOURCE_KEEPERS: Roles = ["admin", "manager", "marketer"];
export const MANAGERS: Roles = ["admin", "manager"];
export const ADMINS: Roles = ["admin"];
export const NOBODY: Roles = [];

export interface Permission {
  /** May open the list and the records (and export them). */
  read: Roles;
  /** May create, edit and delete. */
  write: Roles;
}

/**
 * By resource, as the console names it. A resource missing here is open to every role the API
 * answers (the API still decides). Partners: marketing runs the lead sources in practice, so
 * marketers and managers create, edit, rotate and retire partners; webhooks out carry every lead to
 * another system, so admins set them up and managers watch their deliveries.
 */
export const PERMISSIONS = {
  leads: { read: EVERYONE, write: EVERYONE },
  tasks: { read: EVERYONE, write: EVERYONE },
  accounts: { read: EVERYONE, write: SELLERS },
  contacts: { read: EVERYONE, write: SELLERS },
  opportunities: { read: EVERYONE, write: SELLERS },
  partners: { read: SOURCE_KEEPERS, write: SOURCE_KEEPERS },
  web_forms: { read: SOURCE_KEEPERS, write: SOURCE_KEEPERS },
  alerts: { read: SOURCE_KEEPERS, write: SOURCE_KEEPERS },
  imports: { read: SOURCE_KEEPERS, write: SOURCE_KEEPERS },
  inbound_events: { read: SOURCE_KEEPERS, write: NOBODY },
  duplicate_reviews: { read: SOURCE_KEEPERS, write: NOBODY },
  webhook_subscriptions: { read: MANAGERS, write: ADMINS },
  webhook_deliveries: { read: MANAGERS, write: NOBODY },
  users: { read: EVERYONE, write: ADMINS },
  teams: { read: EVERYONE, write: ADMINS },
  conversion_rules: { read: EVERYONE, write: ADMINS },
  pipeline_stages: { read: EVERYONE, write: ADMINS },
  custom_field_definitions: { read: EVERYONE, write: ADMINS },
  audit_log: { read: MANAGERS, write: NOBODY },
} as const satisfies Record<string, Permission>;
export type PermissionResource = keyof typeof PERMISSIONS;

/** Console pages that are not a resource (menu items): who is shown them. */
export const PAGES = {
  queues: NOBODY, // the installation's: platform admins only, whatever their role
  tenants: NOBODY,
  dedup_settings: MANAGERS,
  nurture_settings: MANAGERS,
  assignment: MANAGERS,
  scoring: SOURCE_KEEPERS,
  sequences: SOURCE_KEEPERS,
  enrollments: SOURCE_KEEPERS,
  suppressions: SOURCE_KEEPERS,
} as const satisfies Record<string, Roles>;

export type Action = "list" | "show" | "export" | "create" | "edit" | "delete" | "clone";

/** May this role do this to that resource? Reads are list, show and export; the rest are writes. */
export function may(role: Role | undefined, resource: string, action: Action | string): boolean {
  const p = (PERMISSIONS as Record<string, Permission>)[resource];
  if (!p) return true;
  if (!role) return false;
  const roles = action === "list" || action === "show" || action === "export" ? p.read : p.write;
  return roles.includes(role);
}
