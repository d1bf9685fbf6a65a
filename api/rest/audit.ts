import type { Request } from "express";
import type { Knex } from "knex";
import { redactSecrets } from "../../core/secrets.ts";
import type { ResourceSpec } from "./resource.ts";

/**
 * A person's change in the audit log, in the change's own transaction. Managers read the log and
 * export it, so secrets (a user's new password, a partner's keys) are recorded as `[redacted]`:
 * the log says that they changed, never what to.
 */
export const audit = (trx: Knex, req: Request, action: string, recordType: string, recordId: string, changes: unknown) =>
  trx("audit_log").insert({ tenant_id: req.user!.tenantId, user_id: req.user!.id, action, record_type: recordType, record_id: recordId, changes: JSON.stringify(redactSecrets(changes)) });

/** The audit log in the console: who changed what and when, with before/after; read-only (the table refuses changes too). */
export const auditLogResource = (): ResourceSpec => ({
  name: "audit_log",
  table: "audit_log",
  columns: ["id", "user_id", "action", "record_type", "record_id", "changes", "created_at"],
  filters: ["user_id", "action", "record_type", "record_id"],
  ranges: ["created_at"],
  sortable: ["created_at"],
  defaultSort: ["created_at", "desc"],
  numericIds: true,
  softDeletes: false,
  readRoles: ["admin", "manager"],
});
