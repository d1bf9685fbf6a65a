import type { Knex } from "knex";
import { nameReferences, recordLabel } from "./audit-label.ts";
import { redactSecrets } from "./secrets.ts";

/** Who made a change: a person of a tenant. */
export interface Actor {
  tenantId: string;
  id: string;
}

/**
 * The one writer of the audit log, in the change's own transaction. Managers read the log and export
 * it, so secrets (a user's new password, a partner's keys) are recorded as `[redacted]`: the log
 * says that they changed, never what to. The record's label and the names of the records a change
 * points to (stage, owner) are written with the row, as they are now: the log reads the same after a
 * rename or an erasure. A caller that knows the label better (or must not name the record) passes it.
 */
export const writeAudit = async (
  trx: Knex,
  actor: Actor,
  action: string,
  recordType: string,
  recordId: string,
  changes: unknown,
  label?: string | null,
) =>
  trx("audit_log").insert({
    tenant_id: actor.tenantId,
    user_id: actor.id,
    action,
    record_type: recordType,
    record_id: recordId,
    record_label: label === undefined ? await recordLabel(trx, actor.tenantId, recordType, recordId) : label,
    changes: JSON.stringify(redactSecrets(await nameReferences(trx, actor.tenantId, changes))),
  });
