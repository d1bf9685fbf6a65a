import knexFactory, { type Knex } from "knex";
import pg from "pg";
import { currentScope, type Scope } from "./tenant-scope.ts";

// Counts and money as JSON numbers: bigint counts stay far below 2^53, numeric(15,2) fits a double exactly.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// A calendar date stays "YYYY-MM-DD": as a Date it would be midnight in the server's zone and shift a day elsewhere.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type { Knex };
export type Db = Knex;

export interface DbOptions {
  /** Pool size per process; the API and each worker hold one pool. */
  max?: number;
  /** A query waiting longer than this for a connection fails fast (503) instead of hanging. */
  acquireTimeoutMs?: number;
  /** knex prints pool errors to the console by default; route them to our logger instead. */
  log?: { warn(msg: unknown): void; debug(msg: unknown): void };
  /**
   * Row-level security: each checkout sets the work's tenant scope on the connection (core/tenant-scope.ts),
   * or this one when the work set none. Unset for the owner's connection (migrations), which RLS does not bind.
   */
  scope?: Scope;
}

/**
 * Our queries are short: JIT compilation would cost more than it saves, and under RLS plans that rule
 * a scan out (enable_seqscan = off) cost enough on paper to set off a 1.5 s compile of a 0.2 ms query.
 */
const SESSION_OPTIONS = "-c jit=off";

export function createDb(url: string, opts: DbOptions = {}): Knex {
  const db = knexFactory({
    client: "pg",
    connection: { connectionString: url, connectionTimeoutMillis: 2000, options: SESSION_OPTIONS },
    pool: { min: 0, max: opts.max ?? 10 },
    acquireConnectionTimeout: opts.acquireTimeoutMs ?? 3000,
    log: opts.log && {
      warn: (m: unknown) => opts.log!.warn(m),
      error: (m: unknown) => opts.log!.debug(m),
      deprecate: (m: unknown) => opts.log!.debug(m),
      debug: (m: unknown) => opts.log!.debug(m),
    },
  });
  if (opts.scope !== undefined) {
    const fallback = opts.scope;
    const client = db.client;
    const acquire = client.acquireConnection.bind(client);
    client.acquireConnection = async () => scoped(await acquire(), fallback, (conn) => client.releaseConnection(conn));
  }
  return db;
}

/** The role the app's processes connect as, unless APP_DATABASE_URL names another. */
export const APP_ROLE = "leadhub_app";

/** Where the app connects: APP_DATABASE_URL, or DATABASE_URL's server and password as {@link APP_ROLE}. */
export function appDatabaseUrl(ownerUrl: string, explicit?: string): string {
  if (explicit) return explicit;
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  return url.toString();
}

/** A raw pg pool for hot paths (group-committed ingest, set-based SQL) where knex costs ~30%. */
export function createPgPool(url: string, max = 8, scope?: Scope): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 2000, options: SESSION_OPTIONS });
  // An idle client losing its server (PostgreSQL restart) must not crash the process.
  pool.on("error", () => {});
  if (scope === undefined) return pool;
  // pool.query checks a client out through connect(callback), so both forms go through the scope.
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const checkout = async () => scoped(await connect(), scope, (c, e) => c.release(e));
  pool.connect = ((cb?: (err: Error | undefined, c?: pg.PoolClient, done?: () => void) => void) => {
    if (!cb) return checkout();
    checkout().then(
      (c) => cb(undefined, c, () => c.release()),
      (e) => cb(e),
    );
  }) as typeof pool.connect;
  return pool;
}

const appliedScope = new WeakMap<object, Scope>();

/**
 * A connection just checked out, given the work's scope (or `fallback`) for everything it runs until
 * its next checkout. Set outside any transaction, so a rollback cannot undo it; skipped when the
 * connection already has it. A connection that cannot take it goes back to its pool with the error.
 */
async function scoped<C extends pg.ClientBase>(conn: C, fallback: Scope, release: (conn: C, err: Error) => unknown): Promise<C> {
  const scope = currentScope() ?? fallback;
  if (appliedScope.get(conn) === scope) return conn;
  try {
    await conn.query("SELECT set_config('leadhub.tenants', $1, false)", [scope]);
  } catch (e) {
    await release(conn, e as Error);
    throw e;
  }
  appliedScope.set(conn, scope);
  return conn;
}

/** A text[] literal for a query parameter: knex would spread a JS array into separate parameters. */
export function pgTextArray(items: readonly string[]): string {
  return `{${items.map((i) => `"${i.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}

/** One table's rows as an INSERT … SELECT from json_populate_recordset (columns: the first row's keys). */
export function jsonInsert(table: string, rows: readonly object[]) {
  const cols = Object.keys(rows[0])
    .map((c) => `"${c}"`)
    .join(", ");
  return {
    sql: `INSERT INTO "${table}" (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::"${table}", ?::json)`,
    binding: jsonRows(rows),
  };
}

/** Rows as the one JSON parameter a `json_populate_recordset(NULL::<table>, ?::json)` reads. */
export function jsonRows(rows: readonly object[]): string {
  // A batch's rows share a few Date objects (its "now"): each is formatted once, by an own toJSON
  // that answers its text for the length of this call. Formatting every Date of every row was ~4×
  // the cost of the rest of the text; copying each row to put the text in was ~3× for wide rows.
  const dates = new Set<Date>();
  for (const row of rows) {
    for (const key in row) {
      const value = (row as Record<string, unknown>)[key];
      if (!(value instanceof Date) || dates.has(value) || !Object.isExtensible(value)) continue;
      const text = value.toJSON();
      Object.defineProperty(value, "toJSON", { value: () => text, configurable: true });
      dates.add(value);
    }
  }
  try {
    return JSON.stringify(rows);
  } finally {
    for (const date of dates) delete (date as { toJSON?: unknown }).toJSON;
  }
}

/**
 * Inserts many rows as one JSON parameter (json_populate_recordset) instead of a placeholder per
 * cell: for thousands of wide rows, building and binding the placeholders cost more than the
 * insert. Rows share one set of keys (the first row's); jsonb columns take objects, not strings.
 */
export async function insertJsonRows(db: Knex, table: string, rows: readonly object[]): Promise<void> {
  if (!rows.length) return;
  const { sql, binding } = jsonInsert(table, rows);
  await db.raw(sql, [binding]);
}

/** A data-modifying statement to run beside a batch's inserts (an UPDATE … FROM a JSON parameter), with its bindings. */
export interface AlsoStatement {
  sql: string;
  bindings: Knex.RawBinding[];
}

/**
 * Rows for several tables in ONE statement (data-modifying CTEs), and any `also` statements with
 * them: a round trip costs the worker more than the rows do. Foreign keys are checked at the
 * statement's end, so a child may reference a parent inserted beside it (give the parent its id
 * beforehand). The parts see the same snapshot: none may read what another writes.
 */
export async function insertAll(db: Knex, tables: [string, Record<string, unknown>[]][], also: AlsoStatement[] = []): Promise<void> {
  const parts = [...tables.filter(([, rows]) => rows.length).map(([table, rows]) => jsonInsert(table, rows)), ...also].map(
    (p): AlsoStatement => ("binding" in p ? { sql: p.sql, bindings: [p.binding] } : p),
  );
  if (!parts.length) return;
  const ctes = parts
    .slice(0, -1)
    .map((p, i) => `w${i} AS (${p.sql})`)
    .join(", ");
  await db.raw(
    parts.length === 1 ? parts[0].sql : `WITH ${ctes} ${parts[parts.length - 1].sql}`,
    parts.flatMap((p) => p.bindings),
  );
}

/** A row as knex returns it: its columns are known to the SQL that read it, not to the compiler. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DbRow = Record<string, any>;
