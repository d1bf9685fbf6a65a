import { Router, type Request } from "express";
import type { Knex } from "knex";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { scopeByLead } from "../../../core/access.ts";
import { ENROLLMENT_COLUMNS, enrolOne, stopEnrollment } from "../../../core/nurture/enrollments.ts";
import { scheduleSoon } from "../../../core/nurture/schedule.ts";
import { sequenceOf } from "../../../core/nurture/sequence-store.ts";
import { withWaitingReasons } from "../../../core/nurture/mail-status.ts";
import { requireRole } from "../../auth/require-user.ts";
import { resourceRoutes } from "../resource.ts";
import { EVERYONE } from "./nurture-roles.ts";

// The console says "manual"; anything else calling the API is "api".
const enrolSchema = z.object({ lead_id: z.uuid(), sequence_id: z.uuid(), source: z.enum(["manual", "api"]).default("api") }).strict();

/** Enrolments of leads in sequences: one made by hand, stopping one, and the list (a rep: of their own leads). */
export function enrollmentsRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;

  r.post("/", requireRole(...EVERYONE), async (req, res) => {
    const d = enrolSchema.parse(req.body ?? {});
    const seq = await sequenceOf(db, req.user!.tenantId, d.sequence_id);
    const out = await enrolOne(db, req.user!, seq, d.lead_id, d.source, clock.now());
    await scheduleSoon(services.queues, clock, services.log, out.due);
    res.status(201).json(out.row);
  });

  const stop = (req: Request) => stopEnrollment(db, req.user!, req.params.id, clock.now());
  r.put("/:id", requireRole(...EVERYONE), async (req, res) => {
    // react-admin sends the whole record back: stopping is the one change a person may make.
    z.object({ status: z.literal("exited") }).parse({ status: req.body?.status });
    res.json(await stop(req));
  });
  r.post("/:id/exit", requireRole(...EVERYONE), async (req, res) => res.json(await stop(req)));

  // An enrolment whose email waits for outbound mail says why (`waiting_reason`) in the list and on its page.
  r.get(["/", "/:id"], (req, res, next) => {
    const send = res.json.bind(res);
    res.json = ((body: unknown) => {
      const rows = Array.isArray(body) ? (body as { id?: unknown }[]) : [body as { id?: unknown }];
      if (res.statusCode >= 400 || !body || typeof body !== "object") return send(body);
      withWaitingReasons(db, req.user!.tenantId, rows, services.config, clock.now()).then(
        (out) => send(Array.isArray(body) ? out : out[0]),
        next,
      );
      return res;
    }) as typeof res.json;
    next();
  });

  r.use(
    resourceRoutes(services, {
      name: "enrollments",
      table: "enrollments",
      columns: ENROLLMENT_COLUMNS,
      filters: ["lead_id", "sequence_id", "status", "exit_reason", "source", "current_step"],
      ranges: ["enrolled_at", "next_run_at"],
      sortable: ["enrolled_at", "next_run_at", "status", "current_step", "updated_at", "created_at"],
      defaultSort: ["enrolled_at", "desc"],
      softDeletes: false,
      scope: (q: Knex.QueryBuilder, req) => void scopeByLead(q, "enrollments.lead_id", req.user!),
    }),
  );
  return r;
}
