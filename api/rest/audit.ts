import type { Request } from "express";
import type { Knex } from "knex";

/** A person's change in the audit log, in the change's own transaction. */
export const audit = (trx: Knex, req: Request, action: string, recordType: string, recordId: string, changes: unknown) =>
  trx("audit_log").insert({ tenant_id: req.user!.tenantId, user_id: req.user!.id, action, record_type: recordType, record_id: recordId, changes: JSON.stringify(changes) });
