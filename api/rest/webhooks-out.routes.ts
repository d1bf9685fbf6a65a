import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { conflict, notFound } from "../../core/errors.ts";
import { encrypt, newSigningSecret } from "../../core/crypto.ts";
import { EVENT_TYPES } from "../../core/events/outbox.ts";
import { cancelDeliveriesOfInactive } from "../../core/events/webhook-deliveries.ts";
import { assertSavedUrl } from "../../core/outbound.ts";
import { requireRole } from "../auth/require-user.ts";
import { audit } from "./audit.ts";
import { resourceRoutes } from "./resource.ts";

const subscriptionSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  description: z.string().max(500).nullish(),
  events: z.array(z.enum([...EVENT_TYPES, "*"])).min(1).max(50),
  // Given, or made here; shown once, stored encrypted (the signatures need it back).
  secret: z.string().min(16).max(200).optional(),
  is_active: z.boolean().optional(),
});

/** Webhook subscriptions (events out, signed), their deliveries' log, and replaying or cancelling a delivery. */
export function webhooksOutRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;
  const sealed = (secret: string) => encrypt(services.keys.secrets, secret);
  // Checked again at each send (DNS may change): this only refuses what is wrong already.
  const checkUrl = (url: string) => assertSavedUrl("url", url, { allowPrivate: services.config.outboundAllowPrivate, requireHttps: false, bare: false });

  r.post("/webhook_subscriptions", requireRole("admin"), async (req, res) => {
    const d = subscriptionSchema.parse(req.body ?? {});
    checkUrl(d.url);
    const secret = d.secret ?? newSigningSecret();
    const [row] = await db.transaction(async (trx) => {
      const created = await trx("webhook_subscriptions")
        .insert({ tenant_id: req.user!.tenantId, url: d.url, description: d.description ?? null, events: d.events, secret_enc: sealed(secret), is_active: d.is_active ?? true, created_by: req.user!.id })
        .returning(["id", "url", "description", "events", "is_active", "created_at", "updated_at"]);
      await audit(trx, req, "create", "webhook_subscriptions", created[0].id, { url: d.url, events: d.events });
      return created;
    });
    res.status(201).json({ ...row, secret });
  });

  r.post("/webhook_deliveries/:id/replay", requireRole("admin", "manager"), async (req, res) => {
    if (!z.uuid().safeParse(req.params.id).success) throw notFound("webhook delivery");
    const [row] = await db("webhook_deliveries as d")
      .where({ "d.id": req.params.id, "d.tenant_id": req.user!.tenantId })
      .whereNot("d.status", "sending")
      .whereExists((q) => q.from("webhook_subscriptions as s").whereRaw("s.id = d.subscription_id").where("s.is_active", true).whereNull("s.deleted_at"))
      .update({ status: "pending", attempts: 0, next_attempt_at: clock.now(), updated_at: clock.now() })
      .returning(["id", "status", "next_attempt_at"]);
    if (!row) {
      const d = await deliveryOf(String(req.params.id), req.user!.tenantId);
      if (d.status === "sending") throw conflict("webhooks_sending", "this delivery is being sent right now");
      throw conflict("webhooks_subscription_inactive", "the subscription of this delivery is deleted or deactivated");
    }
    res.status(202).json(row);
  });

  r.post("/webhook_deliveries/:id/cancel", requireRole("admin", "manager"), async (req, res) => {
    if (!z.uuid().safeParse(req.params.id).success) throw notFound("webhook delivery");
    const row = await db.transaction(async (trx) => {
      const [cancelled] = await trx("webhook_deliveries")
        .where({ id: req.params.id, tenant_id: req.user!.tenantId, status: "pending" })
        .update({ status: "cancelled", error: "cancelled by hand", updated_at: clock.now() })
        .returning(["id", "status", "updated_at"]);
      if (cancelled) await audit(trx, req, "cancel", "webhook_deliveries", cancelled.id, { status: { from: "pending", to: "cancelled" } });
      return cancelled;
    });
    if (!row) {
      const d = await deliveryOf(String(req.params.id), req.user!.tenantId);
      throw conflict(d.status === "sending" ? "webhooks_sending" : "webhooks_not_pending", `only a pending delivery can be cancelled; this one is ${d.status}`);
    }
    res.json(row);
  });

  const deliveryOf = async (id: string, tenantId: string): Promise<{ status: string }> => {
    const d = await db("webhook_deliveries").where({ id, tenant_id: tenantId }).first("status");
    if (!d) throw notFound("webhook delivery");
    return d;
  };

  r.use("/webhook_subscriptions", resourceRoutes(services, {
    name: "webhook_subscriptions", table: "webhook_subscriptions",
    columns: ["id", "url", "description", "events", "is_active", "created_by", "created_at", "updated_at"],
    filters: ["is_active"], sortable: ["created_at", "url"], readRoles: ["admin", "manager"], writeRoles: ["admin"],
    update: {
      schema: subscriptionSchema.partial(),
      toRow: (d) => {
        const { secret, ...rest } = d as { secret?: string; url?: string };
        if (rest.url) checkUrl(rest.url);
        return { ...rest, ...(secret ? { secret_enc: sealed(secret) } : {}) };
      },
    },
    deletable: true,
    // Deleted or switched off: what was still to be sent is not sent (it would be retried for a day).
    afterWrite: async (trx, change) => {
      if (change.action === "delete" || change.after.is_active === false) await cancelDeliveriesOfInactive(trx, clock.now(), change.after.id as string);
    },
  }));
  r.use("/webhook_deliveries", resourceRoutes(services, {
    name: "webhook_deliveries", table: "webhook_deliveries",
    columns: ["id", "subscription_id", "event_id", "event_type", "status", "attempts", "next_attempt_at", "response_code", "response_ms", "error", "delivered_at", "created_at", "updated_at"],
    filters: ["subscription_id", "event_type", "status"], ranges: ["created_at"], sortable: ["created_at", "updated_at", "status"], defaultSort: ["created_at", "desc"],
    readRoles: ["admin", "manager"], softDeletes: false,
  }));
  return r;
}
