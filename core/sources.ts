import type { Knex } from "knex";
import { z } from "zod";
import { writeAudit, type Actor } from "./audit.ts";
import { encrypt, hashApiKey, newApiKey, newSigningSecret } from "./crypto.ts";
import { conflict, notFound } from "./errors.ts";
import { enqueueFirstJobs, hasGraph } from "./inbound.ts";
import type { Queues } from "./queues.ts";

/** Capture sources as the console manages them: partners (keys, secrets), forms, and the events they sent. */
export type SourceTable = "partners" | "forms" | "inbound_events";

/** One of the tenant's partners, forms (not deleted) or inbound events: not found otherwise. */
export async function sourceRecord(db: Knex, tenantId: string, table: SourceTable, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound(table);
  const q = db(table).where({ id, tenant_id: tenantId });
  if (table !== "inbound_events") q.whereNull("deleted_at");
  const row = await q.first();
  if (!row) throw notFound(table === "inbound_events" ? "inbound event" : table.slice(0, -1));
  return row;
}

/**
 * A new partner with its API key and signing secret, answered this once: the key is stored as a
 * hash, the secret encrypted (AES-256-GCM), since checking a sender's HMAC needs it in clear.
 */
export async function createPartner(
  db: Knex,
  actor: Actor,
  secretsKey: Buffer,
  data: Record<string, unknown> & { name: string },
  columns: string[],
) {
  const { key, prefix } = newApiKey();
  const signingSecret = newSigningSecret();
  const partner = await db.transaction(async (trx) => {
    const [p] = await trx("partners")
      .insert({ ...data, tenant_id: actor.tenantId, signing_secret_enc: encrypt(secretsKey, signingSecret) })
      .returning(columns);
    await trx("api_keys").insert({
      tenant_id: actor.tenantId,
      partner_id: p.id,
      name: `${data.name} key`,
      key_prefix: prefix,
      key_hash: hashApiKey(key),
    });
    await writeAudit(trx, actor, "create", "partners", p.id, data);
    return p;
  });
  return { partner, apiKey: key, signingSecret };
}

/** A new key and signing secret for a partner, shown once; its old keys are revoked. */
export async function rotatePartnerSecrets(
  db: Knex,
  actor: Actor,
  secretsKey: Buffer,
  p: { id: string; tenant_id: string; name: string },
  now: Date,
) {
  const { key, prefix } = newApiKey();
  const signingSecret = newSigningSecret();
  await db.transaction(async (trx) => {
    await trx("api_keys").where({ partner_id: p.id }).whereNull("revoked_at").update({ revoked_at: now });
    await trx("api_keys").insert({
      tenant_id: p.tenant_id,
      partner_id: p.id,
      name: `${p.name} key`,
      key_prefix: prefix,
      key_hash: hashApiKey(key),
    });
    await trx("partners")
      .where("id", p.id)
      .update({ signing_secret_enc: encrypt(secretsKey, signingSecret), updated_at: trx.fn.now() });
    await writeAudit(trx, actor, "rotate_secrets", "partners", p.id, undefined);
  });
  return { apiKey: key, signingSecret };
}

/** A failed event run through intake again (after a mapping or adapter fix). */
export async function replayInboundEvent(
  db: Knex,
  queues: Queues,
  ev: { id: string; tenant_id: string; status: string; format: string; payload: unknown; raw: unknown },
  now: Date,
) {
  if (ev.status !== "failed") throw conflict("not_failed", "only failed events can be replayed");
  if (!ev.payload && !ev.raw) throw conflict("nothing_to_replay", "this event holds no payload");
  await db("inbound_events")
    .where("id", ev.id)
    .update({ status: "received", outcome: null, error: null, processed_at: null, updated_at: db.fn.now() });
  // A fresh job id: the failed job of the first attempt may still be kept under the old one.
  const event = { tenantId: ev.tenant_id, eventId: ev.id, format: ev.format, fetched: hasGraph(ev.payload) };
  await enqueueFirstJobs(queues, [event], String(now.getTime())).catch(() => {});
}
