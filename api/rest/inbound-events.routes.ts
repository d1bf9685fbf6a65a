import { Router } from "express";
import type { Services } from "../../core/services.ts";
import { redactSecrets, redactText } from "../../core/secrets.ts";
import { replayInboundEvent, sourceRecord } from "../../core/sources.ts";
import { requireRole } from "../auth/require-user.ts";
import { SOURCE_KEEPERS } from "../../core/permissions.ts";
import { inboundEventsResource } from "./records.resources.ts";
import { resourceRoutes } from "./resource.ts";

/** What arrived, raw and first (read-only): a delivery as it came, and replaying a failed one. */
export function inboundEventsRoutes(services: Services): Router {
  const r = Router();
  const { db } = services;

  // The message exactly as it arrived (mail) or the body as sent, less any secret (rows stored before
  // the writer redacted them included).
  r.get("/:id/raw", requireRole(...SOURCE_KEEPERS), async (req, res) => {
    const ev = await sourceRecord(db, req.user!.tenantId, "inbound_events", String(req.params.id));
    if (ev.format === "email" && ev.raw) {
      res.setHeader("Content-Type", "message/rfc822");
      res.setHeader("Content-Disposition", `attachment; filename="${ev.id}.eml"`);
      return res.send(Buffer.from(redactText(ev.raw), "latin1"));
    }
    res.setHeader("Content-Disposition", `attachment; filename="${ev.id}.${ev.raw ? "txt" : "json"}"`);
    if (ev.raw) return res.type("text/plain").send(redactText(ev.raw));
    res.json(redactSecrets(ev.payload));
  });

  // Runs a failed event through intake again (after a mapping or adapter fix).
  r.post("/:id/replay", requireRole(...SOURCE_KEEPERS), async (req, res) => {
    const ev = await sourceRecord(db, req.user!.tenantId, "inbound_events", String(req.params.id));
    await replayInboundEvent(db, services.queues, ev, services.clock.now());
    res.status(202).json({ id: ev.id, status: "received" });
  });

  r.use(resourceRoutes(services, inboundEventsResource()));
  return r;
}
