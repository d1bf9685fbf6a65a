import { Router } from "express";
import type { Knex } from "knex";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { scopeByLead } from "../../../core/access.ts";
import { EMAIL_COLUMNS, reconcileEmail } from "../../../core/nurture/mail-admin.ts";
import { requireRole } from "../../auth/require-user.ts";
import { resourceRoutes } from "../resource.ts";
import { WRITERS } from "./nurture-roles.ts";

/** The mail log (a rep: mail to their own leads), and settling a mail whose outcome is unknown. */
export function emailMessagesRoutes(services: Services): Router {
  const r = Router();
  r.post("/:id/reconcile", requireRole(...WRITERS), async (req, res) => {
    const d = z
      .object({ outcome: z.enum(["sent", "not_sent"]) })
      .strict()
      .parse(req.body ?? {});
    res.json(await reconcileEmail(services.db, req.user!, req.params.id, d.outcome, services.clock.now()));
  });
  r.use(
    resourceRoutes(services, {
      name: "email_messages",
      table: "email_messages",
      columns: [...EMAIL_COLUMNS, "body_text", "body_html"],
      filters: ["lead_id", "enrollment_id", "sequence_id", "status", "direction", "step"],
      ranges: ["created_at", "sent_at"],
      sortable: ["created_at", "sent_at", "status", "subject", "due_at"],
      defaultSort: ["created_at", "desc"],
      softDeletes: false,
      scope: (q: Knex.QueryBuilder, req) => void scopeByLead(q, "email_messages.lead_id", req.user!),
    }),
  );
  return r;
}
