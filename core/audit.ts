import type { Knex } from "knex";
import { redactSecrets } from "./secrets.ts";

/** Who made a change: a person of a tenant. */
export interface Actor {
  tenantId: string;
  id: string;
}

/**
 * The one writer of the audit log, in the change's own transaction. Managers read the log and export
 * it, so secrets (a user's new password, a partner's keys) are recorded as `[redacted]`: the log
 * says that they changed, never what to.
 */
export const writeAudit = (trx: Knex, actor: Actor, action: string, recordType: string, recordId: string, changes: unknown) =>
  trx("audit_log").insert({
    tenant_id: actor.tenantId,
    user_id: actor.id,
    action,
    record_type: recordType,
    record_id: recordId,
    changes: JSON.stringify(redactSecrets(changes)),
  });
