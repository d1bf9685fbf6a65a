/**
 * leadhub's API with the per-request session check taken out, for bench/auth-check.ts only: a token
 * is believed on its signature, as before sessions (its user taken to be an admin, which the bench's
 * user is). No production switch: the bench replaces the session lookup in this process alone.
 */
import { Sessions, type SessionClaim } from "../../core/sessions.ts";

Sessions.prototype.user = async (claim: SessionClaim) => ({
  id: claim.userId,
  tenantId: claim.tenantId,
  role: "admin",
  isPlatformAdmin: false,
});
await import("./leadhub-api.ts");
