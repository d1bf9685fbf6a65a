import { SignJWT, jwtVerify } from "jose";
import type { AuthUser, Role } from "../types.ts";

const ISSUER = "leadhub";

export async function signToken(key: Uint8Array, user: AuthUser, ttl: string): Promise<string> {
  return new SignJWT({ tid: user.tenantId, role: user.role, pa: user.isPlatformAdmin })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key);
}

export async function verifyToken(key: Uint8Array, token: string): Promise<AuthUser | null> {
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ["HS256"] });
    if (typeof payload.sub !== "string" || typeof payload.tid !== "string") return null;
    return { id: payload.sub, tenantId: payload.tid, role: payload.role as Role, isPlatformAdmin: payload.pa === true };
  } catch {
    return null;
  }
}
