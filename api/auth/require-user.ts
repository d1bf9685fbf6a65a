import type { RequestHandler } from "express";
import { AppError, forbidden } from "../../core/errors.ts";
import type { Role } from "../types.ts";
import { verifyToken } from "./tokens.ts";
import { withTenant } from "../../core/tenant-scope.ts";

export function bearer(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return m ? m[1] : null;
}

/** Every /api/* call but login: a valid token, or 401. The rest of the request sees its tenant's rows only. */
export function requireUser(jwtKey: Uint8Array): RequestHandler {
  return async (req, _res, next) => {
    const token = bearer(req.headers.authorization);
    const user = token ? await verifyToken(jwtKey, token) : null;
    if (!user) return next(new AppError(401, "unauthorized", "a valid Bearer token is required"));
    req.user = user;
    withTenant(user.tenantId, () => next());
  };
}

/** What belongs to the installation rather than one tenant: tenants, shared queues. */
export const requirePlatformAdmin = (what: string): RequestHandler => (req, _res, next) =>
  req.user?.isPlatformAdmin ? next() : next(forbidden(`only a platform admin ${what}`));

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => (req.user && roles.includes(req.user.role) ? next() : next(forbidden()));
}
