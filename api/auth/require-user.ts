import type { Request, RequestHandler } from "express";
import { AppError, forbidden } from "../../core/errors.ts";
import type { Services } from "../../core/services.ts";
import { sessionsOf, type SessionClaim, type Sessions } from "../../core/sessions.ts";
import type { Role } from "../types.ts";
import { verifyToken } from "./tokens.ts";
import { withTenant } from "../../core/tenant-scope.ts";

export function bearer(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return m ? m[1] : null;
}

/** The session behind a request that requireUser let in: logout ends it, a user's change publishes through it. */
const sessionOfRequest = new WeakMap<Request, { claim: SessionClaim; sessions: Sessions }>();

export function sessionOf(req: Request): { claim: SessionClaim; sessions: Sessions } {
  const s = sessionOfRequest.get(req);
  if (!s) throw new Error("no session on this request: it did not pass requireUser");
  return s;
}

/**
 * Every /api/* call but login: a valid token whose session is still open, or 401. `req.user` is the
 * user as they are now (core/sessions.ts), and the rest of the request sees their tenant's rows only.
 */
export function requireUser(services: Services): RequestHandler {
  const sessions = sessionsOf(services);
  return async (req, _res, next) => {
    const token = bearer(req.headers.authorization);
    const claim = token ? await verifyToken(services.keys.jwt, token) : null;
    if (!claim) return next(new AppError("unauthenticated", "unauthorized", "a valid Bearer token is required"));
    const user = await sessions.user(claim);
    if (!user) return next(new AppError("unauthenticated", "session_ended", "this session has ended; sign in again"));
    req.user = { id: user.id, tenantId: user.tenantId, role: user.role as Role, isPlatformAdmin: user.isPlatformAdmin };
    sessionOfRequest.set(req, { claim, sessions });
    withTenant(user.tenantId, () => next());
  };
}

/** What belongs to the installation rather than one tenant: tenants, shared queues. */
export const requirePlatformAdmin =
  (what: string): RequestHandler =>
  (req, _res, next) =>
    req.user?.isPlatformAdmin ? next() : next(forbidden(`only a platform admin ${what}`));

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => (req.user && roles.includes(req.user.role) ? next() : next(forbidden()));
}
