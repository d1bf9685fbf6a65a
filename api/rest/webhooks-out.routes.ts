import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { conflict, notFound } from "../../core/errors.ts";
import { encrypt, newSigningSecret } from "../../core/crypto.ts";
import { EVENT_TYPES } from "../../core/events/outbox.ts";
import { requireRole } from "../auth/require-user.ts";
import { resourceRoutes } from "./resource.ts";

const subscriptionSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  description: z.string().max(500).nullish(),
  events: z.array(z.enum([...EVENT_TYPES, "*"])).min(1).max(50),
  // Given, or made here; shown once, stored encrypted (the signatures need it back).
  secret: z.string().min(16).max(200).optional(),
  is_active: z.boolean().optional(),
});

/** Webhook subscriptions (events out, signed), their deliveries' log, and replaying a delivery. */
export function webhooksOutRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;
  const sealed = (secret: string) => encrypt(services.keys.secrets, secret);

  r.post("/webhook_subscriptions", requireRole("admin"), async (req, res) => {
    const d = subscriptionSchema.parse(req.body ?? {});
    const secret = d.secret ?? newSigningSecret();
    const [row] = await db.transaction(async (trx) => {
      const created = await trx("webhook_subscriptions")
        .insert({ tenant_id: req.user!.tenantId, url: d.url, description: d.description ?? null, events: d.events, secret_enc: sealed(secret), is_active: d.is_active ?? true, created_by: req.user!.id })
        .returning(["id", "url", "description", "events", "is_active", "created_at", "updated_at"]);
      await trx("audit_log").insert({ tenant_id: req.user!.tenantId, user_id: req.user!.id, action: "create", record_type: "webhook_subscriptions", record_id: created[0].id, changes: JSON.stringify({ url: d.url, events: d.events }) });
      return created;
    });
    res.status(201).json({ ...row, secret });
  });

  r.post("/webhook_deliveries/:id/replay", requireRole("admin", "manager"), async (req, res) => {
    if (!z.uuid().safeParse(req.params.id).success) throw notFound("webhook delivery");
    const [row] = await db("webhook_deliveries")
      .where({ id: req.params.id, tenant_id: req.user!.tenantId })
      .whereNot("status", "sending")
      .update({ status: "pending", attempts: 0, next_attempt_at: clock.now(), updated_at: clock.now() })
      .returning(["id", "status", "next_attempt_at"]);
    if (!row) {
      const exists = await db("webhook_deliveries").where({ id: req.params.id, tenant_id: req.user!.tenantId }).first("id");
      if (!exists) throw notFound("webhook delivery");
      throw conflict("webhooks.sending", "this delivery is being sent right now");
    }
    res.status(202).json(row);
  });

  r.use("/webhook_subscriptions", resourceRoutes(services, {
    name: "webhook_subscriptions", table: "webhook_subscriptions",
    columns: ["id", "url", "description", "events", "is_active", "created_by", "created_at", "updated_at"],
    filters: ["is_active"], sortable: ["created_at", "url"], readRoles: ["admin", "manager"], writeRoles: ["admin"],
    update: { schema: subscriptionSchema.partial(), toRow: (d) => { const { secret, ...rest } = d as { secret?: string }; return { ...rest, ...(secret ? { secret_enc: sealed(secret) } : {}) }; } },
    deletable: true,
  }));
  r.use("/webhook_deliveries", resourceRoutes(services, {
    name: "webhook_deliveries", table: "webhook_deliveries",
    columns: ["id", "subscription_id", "event_id", "event_type", "status", "attempts", "next_attempt_at", "response_code", "response_ms", "error", "delivered_at", "created_at", "updated_at"],
    filters: ["subscription_id", "event_type", "status"], ranges: ["created_at"], sortable: ["created_at", "updated_at", "status"], defaultSort: ["created_at", "desc"],
    readRoles: ["admin", "manager"], softDeletes: false,
  }));
  return r;
}
