import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { AppError, notFound } from "../../core/errors.ts";
import { verifyPassword } from "../../core/passwords.ts";
import { signToken } from "./tokens.ts";
import { requireUser, sessionOf } from "./require-user.ts";
import { loginKey, loginLimiter } from "./login-limit.ts";
import { asSystem, withTenant } from "../../core/tenant-scope.ts";
import { sessionsOf } from "../../core/sessions.ts";
import { audit } from "../rest/audit.ts";
import { randomUUID } from "node:crypto";

export const loginSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

// A real hash of a random string, so an unknown email costs the same time as a wrong password.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.6uSx0w3f8SXo1QjVi3ZKvL8VNOt2";

async function profile(services: Services, userId: string) {
  return services
    .db("users as u")
    .join("tenants as t", "t.id", "u.tenant_id")
    .where("u.id", userId)
    .whereNull("u.deleted_at")
    .first(
      "u.id",
      "u.name",
      "u.email",
      "u.role",
      "u.tenant_id",
      "t.name as tenant_name",
      "t.slug as tenant_slug",
      "t.currency as tenant_currency",
      "t.locale as tenant_locale",
      "t.time_zone as tenant_time_zone",
      "u.is_platform_admin",
    );
}

export function authRoutes(services: Services): Router {
  const r = Router();
  const sessions = sessionsOf(services);
  const limiter = loginLimiter(services, (req) => loginSchema.safeParse(req.body ?? {}).success);
  r.post("/login", limiter, async (req, res) => {
    const { email, password } = loginSchema.parse(req.body ?? {});
    // The login form asks for no tenant: the address finds it.
    const user = await asSystem(() =>
      services
        .db("users as u")
        .join("tenants as t", "t.id", "u.tenant_id")
        .whereRaw("lower(u.email) = lower(?)", [email])
        .whereNull("u.deleted_at")
        .where("u.is_active", true)
        .where("t.is_active", true)
        .whereNull("t.deleted_at")
        .first("u.id", "u.tenant_id", "u.password_hash"),
    );
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok) throw new AppError("unauthenticated", "invalid_credentials", "email or password is wrong");
    const sessionId = randomUUID();
    const { token, expiresAt } = await signToken(
      services.keys.jwt,
      { sessionId, userId: user.id, tenantId: user.tenant_id },
      services.config.jwtTtl,
    );
    const me = await withTenant(user.tenant_id, async () => {
      await sessions.open({ id: sessionId, userId: user.id, tenantId: user.tenant_id, expiresAt });
      await services.db("users").where("id", user.id).update({ last_login_at: services.clock.now() });
      return profile(services, user.id);
    });
    // A good login clears the failures counted against this IP and email.
    await Promise.resolve(limiter.resetKey(loginKey(req))).catch(() => {});
    res.json({ token, user: me });
  });
  r.get("/me", requireUser(services), async (req, res) => {
    const me = await profile(services, req.user!.id);
    if (!me) throw notFound("user");
    res.json(me);
  });
  // This token's session ends; the user's others go on.
  r.post("/logout", requireUser(services), async (req, res) => {
    const { claim } = sessionOf(req);
    await sessions.publish(await sessions.end(services.db, { sessionId: claim.sessionId }, "logout"));
    res.status(204).end();
  });
  // Sign out everywhere: every session of the caller's ends (a lost laptop, a shared password).
  r.post("/logout-all", requireUser(services), async (req, res) => {
    const ended = await services.db.transaction(async (trx) => {
      const ended = await sessions.end(trx, { userId: req.user!.id }, "logout_all");
      await audit(trx, req, "end_sessions", "users", req.user!.id, { sessions: ended.length });
      return ended;
    });
    await sessions.publish(ended);
    res.status(204).end();
  });
  return r;
}
