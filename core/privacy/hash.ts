import { createHash } from "node:crypto";

/**
 * What an erased person leaves in suppressions: `sha256:<hex>` of the tenant id, ':' and the value
 * (a lower-cased email, an E.164 phone). The tenant id salts it, so one tenant's hashes say nothing
 * about another's; the value is found again only by someone who already has it.
 */
export const personHash = (tenantId: string, value: string) =>
  `sha256:${createHash("sha256").update(`${tenantId}:${value}`, "utf8").digest("hex")}`;

/** The same hash in SQL, of an email column (trimmed, lower-cased as `emailKey` does). */
export const emailHashSql = (tenantIdSql: string, emailSql: string) =>
  `'sha256:' || encode(sha256(convert_to(${tenantIdSql}::text || ':' || lower(trim(${emailSql})), 'UTF8')), 'hex')`;
