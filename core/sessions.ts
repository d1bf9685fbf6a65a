import type { Knex } from "knex";
import type { Redis } from "ioredis";
import type { Services } from "./services.ts";
import type { Logger } from "./logger.ts";
import { withTenant } from "./tenant-scope.ts";
import type { SessionEndReason } from "./vocabulary.ts";

/**
 * Server-side sessions. A login opens a row of `user_sessions`; its token names that row (`jti`). A
 * request is let in only while the row is open and its user and tenant may still sign in, and then
 * as the user is now (role, platform admin), never as the token says. Ending sessions is a database
 * write: logout, sign out everywhere, an admin's revoke, or, by trigger, any change to what the user
 * may do (migrations/20261122000020_user_sessions.ts).
 *
 * Each request reads Redis (one GET), a cache of PostgreSQL shared by every API process: a writer
 * marks what it ended once committed, so the next request on any process is refused. An entry that
 * says "ended" is final (a session never reopens), so it overwrites and lasts as long as the token
 * could; an entry that says "open" is written only where none is (SET NX), so it can never hide an
 * end written meanwhile, and lasts OPEN_CACHE_MS, the bound on a change that skipped the writers
 * (SQL by hand). Without an answer from Redis, PostgreSQL decides: never let in on a guess.
 */

/** How long an "open" entry is believed: a session ended outside the API's writers is refused within it. */
export const OPEN_CACHE_MS = 10_000;
/** Longer than a healthy Redis takes under load; then PostgreSQL is asked instead. */
const REDIS_WAIT_MS = 250;
/** Sessions expired this long ago are deleted when their user next signs in (kept until then: who signed in when). */
const KEEP_EXPIRED_DAYS = 30;
const ENDED = "ended";

/** The ends a person asks for; the database's triggers write the others. */
export type EndReason = Extract<SessionEndReason, "logout" | "logout_all" | "revoked">;

/** Who a session lets in, as PostgreSQL says now. */
export interface SessionUser {
  id: string;
  tenantId: string;
  role: string;
  isPlatformAdmin: boolean;
}

/** What a verified token claims: its session, user, tenant, and when it expires (ms since epoch). */
export interface SessionClaim {
  sessionId: string;
  userId: string;
  tenantId: string;
  expiresAt: number;
}

export interface EndedSession {
  id: string;
  expires_at: Date;
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function parseOpen(text: string): SessionUser | null {
  try {
    const u = JSON.parse(text) as Partial<SessionUser>;
    return typeof u.id === "string" && typeof u.tenantId === "string" && typeof u.role === "string" ? (u as SessionUser) : null;
  } catch {
    return null;
  }
}

export class Sessions {
  constructor(
    private readonly db: Knex,
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {}

  private key(sessionId: string) {
    return `${this.prefix}:session:${sessionId}`;
  }

  /** Opens a session for a user who just proved who they are; the caller's token names `id`. In the user's tenant scope. */
  async open(s: { id: string; userId: string; tenantId: string; expiresAt: Date }): Promise<void> {
    await this.db("user_sessions").insert({ id: s.id, tenant_id: s.tenantId, user_id: s.userId, expires_at: s.expiresAt });
    await this.db("user_sessions")
      .where("user_id", s.userId)
      .where("expires_at", "<", this.db.raw(`now() - interval '${KEEP_EXPIRED_DAYS} days'`))
      .del();
  }

  /** Who the token's session lets in now, or null once it has ended. Throws only when PostgreSQL must decide and cannot. */
  async user(claim: SessionClaim): Promise<SessionUser | null> {
    const key = this.key(claim.sessionId);
    let cached: string | null | undefined;
    try {
      cached = await within(REDIS_WAIT_MS, this.redis.get(key));
    } catch {
      cached = undefined; // Redis away or slow: PostgreSQL decides, and nothing is cached.
    }
    if (cached === ENDED) return null;
    const hit = cached ? parseOpen(cached) : null;
    if (hit) return hit.id === claim.userId && hit.tenantId === claim.tenantId ? hit : null;

    const user = await withTenant(claim.tenantId, () => this.load(claim.sessionId));
    const left = claim.expiresAt - Date.now();
    if (cached !== undefined && left > 0) {
      // NX: an end written since our read wins over what we read.
      const [value, ms] = user ? [JSON.stringify(user), Math.min(OPEN_CACHE_MS, left)] : [ENDED, left];
      await within(REDIS_WAIT_MS, this.redis.set(key, value, "PX", Math.ceil(ms), "NX")).catch(() => {});
    }
    return user && user.id === claim.userId && user.tenantId === claim.tenantId ? user : null;
  }

  /** The session's user, if the session is open and they and their tenant may still sign in. */
  private async load(sessionId: string): Promise<SessionUser | null> {
    const row = await this.db("user_sessions as s")
      .join("users as u", (j) => j.on("u.id", "s.user_id").andOn("u.tenant_id", "s.tenant_id"))
      .join("tenants as t", "t.id", "s.tenant_id")
      .where("s.id", sessionId)
      .whereNull("s.ended_at")
      .where("s.expires_at", ">", this.db.fn.now())
      .where("u.is_active", true)
      .whereNull("u.deleted_at")
      .where("t.is_active", true)
      .whereNull("t.deleted_at")
      .first("u.id", "u.tenant_id", "u.role", "u.is_platform_admin");
    return row ? { id: row.id, tenantId: row.tenant_id, role: row.role, isPlatformAdmin: row.is_platform_admin === true } : null;
  }

  /**
   * Ends one session or all of a user's, in `db` (pass the transaction that audits it); then
   * {@link publish} what it returns, after the commit.
   */
  async end(db: Knex, which: { sessionId: string } | { userId: string }, reason: EndReason): Promise<EndedSession[]> {
    const q = db("user_sessions").whereNull("ended_at").where("expires_at", ">", db.fn.now());
    if ("sessionId" in which) q.where("id", which.sessionId);
    else q.where("user_id", which.userId);
    return q.update({ ended_at: db.fn.now(), end_reason: reason, updated_at: db.fn.now() }).returning(["id", "expires_at"]);
  }

  /** After a change to a user is committed: publishes the sessions the trigger ended (all of theirs that have ended and not expired). */
  async endedBy(userId: string): Promise<void> {
    let ended: EndedSession[];
    try {
      ended = await this.db("user_sessions")
        .where("user_id", userId)
        .whereNotNull("ended_at")
        .where("expires_at", ">", this.db.fn.now())
        .select("id", "expires_at");
    } catch (err) {
      // The change is committed and its sessions ended in PostgreSQL; its answer should not say otherwise.
      this.log.warn({ err, userId }, "could not read the sessions a user change ended");
      return;
    }
    await this.publish(ended);
  }

  /** Tells every API process, through Redis, that these sessions have ended. */
  async publish(ended: EndedSession[]): Promise<void> {
    const now = Date.now();
    const live = ended.map((s) => [s.id, new Date(s.expires_at).getTime() - now] as const).filter(([, ms]) => ms > 0);
    if (!live.length) return;
    const multi = this.redis.multi();
    for (const [id, ms] of live) multi.set(this.key(id), ENDED, "PX", Math.ceil(ms));
    try {
      await within(REDIS_WAIT_MS, multi.exec());
    } catch (err) {
      // PostgreSQL has the end; only a process that cached the session as open lets it in, for at most OPEN_CACHE_MS.
      this.log.warn({ err, sessions: live.length }, "sessions ended but not published to redis");
    }
  }
}

const byServices = new WeakMap<Services, Sessions>();

/** The process's session store over its services' database and Redis (one per services). */
export function sessionsOf(services: Services): Sessions {
  let s = byServices.get(services);
  if (!s) {
    s = new Sessions(services.db, services.queues.connection, services.config.queuePrefix, services.log);
    byServices.set(services, s);
  }
  return s;
}
