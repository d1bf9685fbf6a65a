import { SignJWT, decodeJwt, jwtVerify } from "jose";
import type { SessionClaim } from "../../core/sessions.ts";

const ISSUER = "leadhub";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A token names a session (`jti`), its user and tenant, and nothing of what the user may do: that is
 * read per request from the session (core/sessions.ts), so a change to the user holds at once.
 */
export async function signToken(
  key: Uint8Array,
  s: Omit<SessionClaim, "expiresAt">,
  ttl: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = await new SignJWT({ tid: s.tenantId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(s.userId)
    .setJti(s.sessionId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key);
  return { token, expiresAt: new Date(decodeJwt(token).exp! * 1000) };
}

/** The token's claims if its signature, issuer and expiry hold; tokens from before sessions (no `jti`) are refused. */
export async function verifyToken(key: Uint8Array, token: string): Promise<SessionClaim | null> {
  try {
    const { payload: p } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ["HS256"] });
    const ids = [p.sub, p.tid, p.jti];
    if (!ids.every((v) => typeof v === "string" && UUID.test(v)) || typeof p.exp !== "number") return null;
    return { userId: p.sub!, tenantId: p.tid as string, sessionId: p.jti!, expiresAt: p.exp * 1000 };
  } catch {
    return null;
  }
}
