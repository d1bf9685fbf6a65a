import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT, decodeJwt } from "jose";
import { randomUUID } from "node:crypto";
import { producerConnection } from "../../core/queues.ts";
import { expectEventually, newPrefix, startStack, type Stack } from "../support/stack.ts";
import { tag } from "../support/json-api.ts";
import { killTree, startServer, type Proc } from "../../bench/lib.ts";

/**
 * Session lifetime: a token ends when its user is disabled, deleted, demoted, given a new password,
 * or signs out, and an admin can end a user's sessions. Checked on two API processes that share one
 * PostgreSQL and one Redis prefix: an in-process app (A) and a real `api/server.ts` process (B). The
 * change goes through one, and the very next request through the other is refused.
 */

let a: Stack;
let b: { url: string; p: Proc };
const dataDir = mkdtempSync(join(tmpdir(), "leadhub-tokens-"));

beforeAll(async () => {
  const prefix = newPrefix();
  a = await startStack({ queuePrefix: prefix, env: { LEADHUB_DATA_DIR: dataDir } });
  // testConfig's secret key: both processes sign and verify with the same key.
  b = await startServer("api-b", "api/server.ts", {
    DATABASE_URL: inject("databaseUrl"),
    REDIS_URL: inject("redisUrl"),
    QUEUE_PREFIX: prefix,
    LEADHUB_SECRET_KEY: "0".repeat(64),
    LEADHUB_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    HOST: "127.0.0.1",
  });
}, 90_000);
afterAll(async () => {
  if (b) await killTree(b.p);
  await a?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const A = () => a.baseUrl;
const B = () => b.url;

async function login(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).token;
}

/** A user of tenant A, made by its admin, and a token of theirs from process A. */
async function person(role = "rep") {
  const email = `${role}-${tag()}@tokens.test`;
  const password = `pw-${tag()}-tokens`;
  const res = await a.api("/users", { method: "POST", json: { email, name: `${role} ${tag()}`, password, role } });
  expect(res.status, await res.clone().text()).toBe(201);
  const { id } = await res.json();
  return { id: id as string, email, password, token: await login(A(), email, password) };
}

const call = (base: string, token: string, path = "/api/leads", init: { method?: string; json?: unknown } = {}) =>
  fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, ...(init.json !== undefined ? { "content-type": "application/json" } : {}) },
    body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
const status = async (base: string, token: string, path?: string) => (await call(base, token, path)).status;
/** As tenant A's admin, through process `base`. */
const admin = (base: string, path: string, method: string, json?: unknown) => call(base, a.adminToken, `/api${path}`, { method, json });

describe("token lifecycle, on two API processes", () => {
  it("when a user is disabled through one process, then their token is refused by the other at the very next request", async () => {
    const rep = await person();
    // Both processes have seen (and may have cached) the live session.
    expect([await status(A(), rep.token), await status(B(), rep.token)]).toEqual([200, 200]);
    expect((await admin(A(), `/users/${rep.id}`, "PUT", { is_active: false })).status).toBe(200);
    expect(await status(B(), rep.token)).toBe(401);
    expect(await status(A(), rep.token)).toBe(401);
    // Enabling them again does not bring the old token back.
    expect((await admin(B(), `/users/${rep.id}`, "PUT", { is_active: true })).status).toBe(200);
    expect(await status(A(), rep.token)).toBe(401);
    expect(await status(B(), await login(B(), rep.email, rep.password))).toBe(200);
  });

  it("when a user is deleted, then their token is refused at once", async () => {
    const rep = await person();
    expect([await status(A(), rep.token), await status(B(), rep.token)]).toEqual([200, 200]);
    expect((await admin(B(), `/users/${rep.id}`, "DELETE")).status).toBe(200);
    expect(await status(A(), rep.token)).toBe(401);
    expect(await status(B(), rep.token)).toBe(401);
  });

  it("when an admin is demoted to rep, then the old token can no longer create users, and a new one has a rep's powers", async () => {
    const boss = await person("admin");
    const newUser = () => ({ email: `made-${tag()}@tokens.test`, name: "Made", password: "made-pass-1", role: "admin" });
    expect((await call(B(), boss.token, "/api/users", { method: "POST", json: newUser() })).status).toBe(201);
    expect((await admin(A(), `/users/${boss.id}`, "PUT", { role: "rep" })).status).toBe(200);
    // The promotion that started the finding: the demoted admin's token makes no admin.
    const old = await call(B(), boss.token, "/api/users", { method: "POST", json: newUser() });
    expect([401, 403]).toContain(old.status);
    expect(await status(A(), boss.token, "/api/auth/me")).toBe(401);
    const fresh = await login(B(), boss.email, boss.password);
    expect((await call(A(), fresh, "/api/users", { method: "POST", json: newUser() })).status).toBe(403);
    expect((await (await call(A(), fresh, "/api/auth/me")).json()).role).toBe("rep");
  });

  it("when a user's password is changed, then their tokens end and only the new password logs in", async () => {
    const rep = await person();
    expect(await status(B(), rep.token)).toBe(200);
    expect((await admin(A(), `/users/${rep.id}`, "PUT", { password: "a-new-password-1" })).status).toBe(200);
    expect(await status(B(), rep.token)).toBe(401);
    const old = await fetch(`${B()}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: rep.email, password: rep.password }),
    });
    expect(old.status).toBe(401);
    expect(await status(A(), await login(B(), rep.email, "a-new-password-1"))).toBe(200);
  });

  it("when a user logs out, then that token ends on every process and their other tokens live", async () => {
    const rep = await person();
    const other = await login(B(), rep.email, rep.password);
    expect([await status(A(), rep.token), await status(B(), rep.token), await status(A(), other)]).toEqual([200, 200, 200]);
    expect((await call(B(), rep.token, "/api/auth/logout", { method: "POST" })).status).toBe(204);
    expect(await status(A(), rep.token)).toBe(401);
    expect(await status(B(), rep.token)).toBe(401);
    expect(await status(B(), other)).toBe(200);
    // Logging out twice is no error worth showing: the token is already gone.
    expect((await call(A(), rep.token, "/api/auth/logout", { method: "POST" })).status).toBe(401);
  });

  it("when a user signs out everywhere, then all their tokens end and other users' tokens live", async () => {
    const rep = await person();
    const second = await login(B(), rep.email, rep.password);
    const bystander = await person();
    expect([await status(B(), rep.token), await status(B(), second), await status(B(), bystander.token)]).toEqual([200, 200, 200]);
    expect((await call(A(), second, "/api/auth/logout-all", { method: "POST" })).status).toBe(204);
    expect(await status(B(), rep.token)).toBe(401);
    expect(await status(B(), second)).toBe(401);
    expect(await status(A(), rep.token)).toBe(401);
    expect(await status(B(), bystander.token)).toBe(200);
    expect(await status(A(), a.adminToken)).toBe(200);
  });

  it("when an admin ends a user's sessions, then their tokens end at once, it is in the audit log, and only an admin of their tenant may do it", async () => {
    const rep = await person();
    const second = await login(B(), rep.email, rep.password);
    const manager = await person("manager");
    expect([await status(B(), rep.token), await status(B(), second)]).toEqual([200, 200]);
    expect((await call(A(), manager.token, `/api/users/${rep.id}/sessions/revoke`, { method: "POST" })).status).toBe(403);
    expect(await status(B(), rep.token)).toBe(200);

    const res = await admin(A(), `/users/${rep.id}/sessions/revoke`, "POST");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ended: 2 });
    expect(await status(B(), rep.token)).toBe(401);
    expect(await status(B(), second)).toBe(401);
    expect(await status(B(), manager.token)).toBe(200);
    const filter = encodeURIComponent(JSON.stringify({ record_id: rep.id, action: "end_sessions" }));
    const log = await (await admin(B(), `/audit_log?filter=${filter}`, "GET")).json();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ record_type: "users", changes: { sessions: 2 } });

    // Another tenant's user is not there for this admin.
    const other = await startStack({ queuePrefix: newPrefix() });
    try {
      const stranger = await (
        await other.api("/users", {
          method: "POST",
          json: { email: `stranger-${tag()}@tokens.test`, name: "Stranger", password: "stranger-pass-1", role: "rep" },
        })
      ).json();
      expect((await admin(B(), `/users/${stranger.id}/sessions/revoke`, "POST")).status).toBe(404);
    } finally {
      await other.stop();
    }
  });

  it("when a user is changed by SQL outside the API, then a token not yet seen is refused at once and a cached one within seconds", async () => {
    const unseen = await person();
    const seen = await person();
    expect(await status(B(), seen.token)).toBe(200);
    await a.services.db("users").whereIn("id", [unseen.id, seen.id]).update({ is_platform_admin: true });
    expect(await status(B(), unseen.token)).toBe(401);
    await expectEventually(async () => expect(await status(B(), seen.token)).toBe(401), 15_000, 250);
  }, 30_000);

  it("when a token predates sessions (no session id) or names another tenant, then it is refused", async () => {
    const legacy = await new SignJWT({ tid: a.tenantId, role: "admin", pa: true })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject((await (await call(A(), a.adminToken, "/api/auth/me")).json()).id)
      .setIssuer("leadhub")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(a.services.keys.jwt);
    expect(await status(A(), legacy)).toBe(401);
    expect(await status(B(), legacy)).toBe(401);
    // A live session's id under another tenant's name (as only the key's holder could sign it).
    const rep = await person();
    expect(await status(B(), rep.token)).toBe(200);
    const { sub, jti } = decodeJwt(rep.token);
    const elsewhere = await new SignJWT({ tid: randomUUID() })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(sub!)
      .setJti(jti!)
      .setIssuer("leadhub")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(a.services.keys.jwt);
    expect(await status(B(), elsewhere)).toBe(401);
    expect(await status(A(), elsewhere)).toBe(401);
  });

  it("when Redis is unavailable, then PostgreSQL decides: ended tokens stay refused and live ones work (fail closed)", async () => {
    const dead = producerConnection("redis://127.0.0.1:1");
    const c = await startStack({ redis: dead });
    try {
      const rep = await person();
      const ended = await person();
      expect((await call(A(), ended.token, "/api/auth/logout", { method: "POST" })).status).toBe(204);
      expect(await status(c.baseUrl, rep.token)).toBe(200);
      expect(await status(c.baseUrl, ended.token)).toBe(401);
      // A change made while Redis is away is in PostgreSQL: a process that had not cached the token refuses it too.
      expect((await call(c.baseUrl, c.adminToken, "/api/auth/logout-all", { method: "POST" })).status).toBe(204);
      expect(await status(c.baseUrl, c.adminToken)).toBe(401);
      expect(await status(A(), c.adminToken)).toBe(401);
    } finally {
      await c.stop();
      dead.disconnect();
    }
  }, 60_000);
});
