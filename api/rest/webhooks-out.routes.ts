import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { notFound } from "../../core/errors.ts";
import { encrypt, newSigningSecret } from "../../core/crypto.ts";
import { EVENT_TYPES } from "../../core/events/outbox.ts";
import { cancelDeliveriesOfInactive } from "../../core/events/webhook-deliveries.ts";
import { cancelDelivery, createSubscription, replayDelivery } from "../../core/events/subscriptions.ts";
import { assertSavedUrl } from "../../core/outbound.ts";
import { PERMISSIONS } from "../../core/permissions.ts";
import { requireRole } from "../auth/require-user.ts";
import { resourceRoutes } from "./resource.ts";

const subscriptionSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  description: z.string().max(500).nullish(),
  events: z
    .array(z.enum([...EVENT_TYPES, "*"]))
    .min(1)
    .max(50),
  // Given, or made here; shown once, stored encrypted (the signatures need it back).
  secret: z.string().min(16).max(200).optional(),
  is_active: z.boolean().optional(),
});

/** Webhook subscriptions (events out, signed): the secret is answered once, at creation. */
export function webhookSubscriptionsRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;
  const sealed = (secret: string) => encrypt(services.keys.secrets, secret);
  // Checked again at each send (DNS may change): this only refuses what is wrong already.
  const checkUrl = (url: string) =>
    assertSavedUrl("url", url, { allowPrivate: services.config.outboundAllowPrivate, requireHttps: false, bare: false });

  r.post("/", requireRole(...PERMISSIONS.webhook_subscriptions.write), async (req, res) => {
    const d = subscriptionSchema.parse(req.body ?? {});
    checkUrl(d.url);
    const secret = d.secret ?? newSigningSecret();
    const row = await createSubscription(db, req.user!, {
      url: d.url,
      description: d.description,
      events: d.events,
      secretEnc: sealed(secret),
      isActive: d.is_active,
    });
    res.status(201).json({ ...row, secret });
  });

  r.use(
    resourceRoutes(services, {
      name: "webhook_subscriptions",
      table: "webhook_subscriptions",
      columns: ["id", "url", "description", "events", "is_active", "created_by", "created_at", "updated_at"],
      filters: ["is_active"],
      sortable: ["created_at", "url"],
      readRoles: PERMISSIONS.webhook_subscriptions.read,
      writeRoles: PERMISSIONS.webhook_subscriptions.write,
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
        if (change.action === "delete" || change.after.is_active === false)
          await cancelDeliveriesOfInactive(trx, clock.now(), change.after.id as string);
      },
    }),
  );
  return r;
}

/** The deliveries' log, and replaying or cancelling one by hand. */
export function webhookDeliveriesRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;
  const id = (raw: unknown) => {
    if (!z.uuid().safeParse(raw).success) throw notFound("webhook delivery");
    return String(raw);
  };

  r.post("/:id/replay", requireRole(...PERMISSIONS.webhook_deliveries.read), async (req, res) => {
    res.status(202).json(await replayDelivery(db, req.user!.tenantId, id(req.params.id), clock.now()));
  });
  r.post("/:id/cancel", requireRole(...PERMISSIONS.webhook_deliveries.read), async (req, res) => {
    res.json(await cancelDelivery(db, req.user!, id(req.params.id), clock.now()));
  });

  r.use(
    resourceRoutes(services, {
      name: "webhook_deliveries",
      table: "webhook_deliveries",
      columns: [
        "id",
        "subscription_id",
        "event_id",
        "event_type",
        "status",
        "attempts",
        "next_attempt_at",
        "response_code",
        "response_ms",
        "error",
        "delivered_at",
        "created_at",
        "updated_at",
      ],
      filters: ["subscription_id", "event_type", "status"],
      ranges: ["created_at"],
      sortable: ["created_at", "updated_at", "status"],
      defaultSort: ["created_at", "desc"],
      readRoles: PERMISSIONS.webhook_deliveries.read,
      softDeletes: false,
    }),
  );
  return r;
}
