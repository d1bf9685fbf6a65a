import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { addSuppression, liftSuppression } from "../../../core/nurture/mail-admin.ts";
import { requireRole } from "../../auth/require-user.ts";
import { resourceRoutes } from "../resource.ts";
import { WRITERS } from "./nurture-roles.ts";

const suppressionSchema = z
  .object({
    email: z.email().max(320),
    reason: z.enum(["manual", "complained", "unsubscribed", "bounced"]).default("manual"),
    note: z.string().max(500).nullish(),
  })
  .strict();

/** Addresses no mail goes to: added by hand, lifted by a manager, listed for marketing. */
export function suppressionsRoutes(services: Services): Router {
  const r = Router();
  r.post("/", requireRole(...WRITERS), async (req, res) => {
    const d = suppressionSchema.parse(req.body ?? {});
    res.status(201).json(await addSuppression(services.db, req.user!, d, services.clock.now()));
  });
  r.delete("/:id", requireRole("admin", "manager"), async (req, res) => {
    res.json(await liftSuppression(services.db, req.user!, req.params.id));
  });
  r.use(
    resourceRoutes(services, {
      name: "suppressions",
      table: "suppressions",
      columns: ["id", "email", "reason", "lead_id", "email_message_id", "created_by", "note", "created_at", "updated_at"],
      filters: ["reason", "lead_id"],
      ranges: ["created_at"],
      sortable: ["created_at", "email", "reason"],
      search: { ilike: ["email"] },
      softDeletes: false,
      readRoles: WRITERS,
    }),
  );
  return r;
}
