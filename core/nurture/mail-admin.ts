import type { Knex } from "knex";
import { writeAudit, type Actor } from "../audit.ts";
import { conflict, notFound } from "../errors.ts";
import { suppressEmail } from "./enrol.ts";
import { uuidOr404 } from "./sequence-store.ts";

export const EMAIL_COLUMNS = [
  "id",
  "lead_id",
  "enrollment_id",
  "sequence_id",
  "step",
  "direction",
  "message_id",
  "from_address",
  "to_address",
  "subject",
  "status",
  "due_at",
  "sent_at",
  "opened_at",
  "clicked_at",
  "replied_at",
  "unsubscribed_at",
  "bounced_at",
  "open_count",
  "click_count",
  "error",
  "created_at",
  "updated_at",
];

/**
 * A person settles a mail whose outcome is unknown (the SMTP server never answered): sent or not.
 * Only such a mail; any other is a conflict naming its status.
 */
export async function reconcileEmail(db: Knex, actor: Actor, id: unknown, outcome: "sent" | "not_sent", now: Date) {
  const [row] = await db.transaction(async (trx) => {
    const updated = await trx("email_messages")
      .where({ id: uuidOr404(id, "email message"), tenant_id: actor.tenantId, status: "unknown" })
      .update({ status: outcome, sent_at: outcome === "sent" ? trx.raw("coalesce(sent_at, created_at)") : null, updated_at: now })
      .returning(EMAIL_COLUMNS);
    if (updated.length) await writeAudit(trx, actor, "reconcile", "email_messages", updated[0].id, { outcome });
    return updated;
  });
  if (!row) {
    const exists = await db("email_messages")
      .where({ id: id as string, tenant_id: actor.tenantId })
      .first("status");
    if (!exists) throw notFound("email message");
    throw conflict("email_not_unknown", `only a mail whose outcome is unknown can be settled; this one is ${exists.status}`);
  }
  return row;
}

/** An address suppressed by hand: no more mail to it, and its leads' enrolments end. */
export async function addSuppression(
  db: Knex,
  actor: Actor,
  d: { email: string; reason: "manual" | "complained" | "unsubscribed" | "bounced"; note?: string | null },
  now: Date,
) {
  return db.transaction(async (trx) => {
    await suppressEmail(trx, {
      tenantId: actor.tenantId,
      email: d.email,
      reason: d.reason,
      userId: actor.id,
      now,
      note: d.note ?? undefined,
    });
    const row = await trx("suppressions").where({ tenant_id: actor.tenantId, email: d.email.trim().toLowerCase() }).first();
    await writeAudit(trx, actor, "create", "suppressions", row.id, { email: row.email, reason: row.reason });
    return row;
  });
}

/** A person asked to get mail again: the row goes (the audit log keeps who lifted it and when). */
export async function liftSuppression(db: Knex, actor: Actor, id: unknown) {
  return db.transaction(async (trx) => {
    const [row] = await trx("suppressions")
      .where({ id: uuidOr404(id, "suppression"), tenant_id: actor.tenantId })
      .delete()
      .returning("*");
    if (!row) throw notFound("suppression");
    // An erased person's objection (GDPR) lives on only as this hash: lifting it would mail someone who asked to be forgotten.
    if (row.reason === "erased")
      throw conflict("suppression_erased_person", "this suppression keeps an erased person's objection and cannot be lifted");
    await writeAudit(trx, actor, "delete", "suppressions", row.id, { email: row.email, reason: row.reason });
    return row;
  });
}
