import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Which tenants' rows the database shows to the work in progress: PostgreSQL's row-level security
 * reads it from the `leadhub.tenants` setting, which each connection gets from here each time it is
 * checked out for a statement or a transaction (core/db.ts). Values: a uuid[] literal, or "*" for
 * the system's own sweeps across tenants. Outside any scope, the connection's default applies:
 * none for the app's processes (fail closed), so a path that forgot its tenant sees nothing.
 */
export type Scope = string;

export const NO_TENANT: Scope = "{}";
export const ALL_TENANTS: Scope = "*";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const current = new AsyncLocalStorage<Scope>();

function tenantsScope(ids: Iterable<string>): Scope {
  const list = [...new Set(ids)];
  for (const id of list) if (!UUID.test(id)) throw new Error(`not a tenant id: ${JSON.stringify(id).slice(0, 60)}`);
  return `{${list.join(",")}}`;
}

/** Runs `fn` seeing one tenant's rows only: a request, a job. */
export function withTenant<T>(tenantId: string, fn: () => PromiseLike<T>): Promise<T>;
export function withTenant<T>(tenantId: string, fn: () => T): T;
export function withTenant<T>(tenantId: string, fn: () => T) {
  return runIn(tenantsScope([tenantId]), fn);
}

/** Runs `fn` seeing these tenants' rows: a batch written for several tenants at once. */
export function withTenants<T>(tenantIds: Iterable<string>, fn: () => PromiseLike<T>): Promise<T>;
export function withTenants<T>(tenantIds: Iterable<string>, fn: () => T): T;
export function withTenants<T>(tenantIds: Iterable<string>, fn: () => T) {
  return runIn(tenantsScope(tenantIds), fn);
}

/** Runs `fn` across tenants: sweeps, schedules, and the lookups that find a tenant (a key, a login). */
export function asSystem<T>(fn: () => PromiseLike<T>): Promise<T>;
export function asSystem<T>(fn: () => T): T;
export function asSystem<T>(fn: () => T) {
  return runIn(ALL_TENANTS, fn);
}

/** The scope of the work in progress, if it set one. */
export function currentScope(): Scope | undefined {
  return current.getStore();
}

function runIn<T>(scope: Scope, fn: () => T) {
  return current.run(scope, () => {
    const r = fn();
    // A knex query builder runs when then() is called: call it here, in the scope, not at the caller's await.
    if (r instanceof Promise || typeof (r as PromiseLike<unknown> | null)?.then !== "function") return r;
    return new Promise((resolve, reject) => (r as PromiseLike<unknown>).then(resolve, reject));
  });
}
