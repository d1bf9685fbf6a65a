import type { Knex } from "knex";
import { writeAudit, type Actor } from "./audit.ts";

/** The parts of tenants.settings people change from the console, each read and written whole. */
export type SettingKey = "scoring" | "assignment" | "nurture" | "dedup";

/** A tenant's stored settings under one key, as stored (each area fills its own defaults). */
export async function readTenantSetting(db: Knex, tenantId: string, key: SettingKey): Promise<unknown> {
  return (
    await db("tenants")
      .where("id", tenantId)
      .first(db.raw(`settings->'${key}' as v`))
  ).v;
}

/** Replaces one key of a tenant's settings, audited as `auditType` in the same transaction. */
export async function writeTenantSetting(
  db: Knex,
  actor: Actor,
  key: SettingKey,
  value: unknown,
  o: { now: Date; auditType: string },
): Promise<void> {
  await db.transaction(async (trx) => {
    await trx("tenants")
      .where("id", actor.tenantId)
      .update({ settings: trx.raw(`jsonb_set(settings, '{${key}}', ?::jsonb)`, [JSON.stringify(value)]), updated_at: o.now });
    await writeAudit(trx, actor, "update", o.auditType, actor.tenantId, value);
  });
}
