import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { MERGE_FIELDS } from "../../../core/dedup/fields.ts";
import { dismissReview, mergeReview, reviewComparison } from "../../../core/dedup/reviews.ts";
import { requireRole } from "../../auth/require-user.ts";
import { MANAGERS as DECIDERS, PERMISSIONS } from "../../../core/permissions.ts";
import { resourceRoutes } from "../resource.ts";

export { DECIDERS };
/** Reviews show both leads whole, whoever owns them: not for a rep, who sees only their own leads. */
const REVIEWERS = PERMISSIONS.duplicate_reviews.read;

const mergeSchema = z
  .object({
    /** Which of the two keeps its id, number, owner and history; by default the older one (the candidate). */
    survivor: z.enum(["candidate", "lead"]).default("candidate"),
    /** Per field, whose value the surviving lead keeps; fields not named keep the survivor's, filling empty ones. */
    fields: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(["lead", "candidate"])).default({}),
  })
  .strict();

/** Duplicate reviews (pairs dedup was unsure of): the comparison, and the decision, merge or dismiss. */
export function duplicateReviewsRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;

  r.get("/:id/comparison", requireRole(...REVIEWERS), async (req, res) => {
    res.json(await reviewComparison(db, req.user!.tenantId, String(req.params.id)));
  });
  r.post("/:id/merge", requireRole(...DECIDERS), async (req, res) => {
    const body = mergeSchema.parse(req.body ?? {});
    res.json(await mergeReview(db, req.user!, String(req.params.id), body, clock.now()));
  });
  r.post("/:id/dismiss", requireRole(...DECIDERS), async (req, res) => {
    res.json(await dismissReview(db, req.user!, String(req.params.id), clock.now()));
  });

  r.use(
    resourceRoutes(services, {
      name: "duplicate_reviews",
      table: "duplicate_reviews",
      columns: [
        "id",
        "lead_id",
        "candidate_lead_id",
        "score",
        "reasons",
        "status",
        "origin",
        "resolved_by",
        "resolved_at",
        "created_at",
        "updated_at",
      ],
      filters: ["status", "lead_id", "candidate_lead_id", "origin"],
      ranges: ["score", "created_at"],
      sortable: ["score", "created_at", "status"],
      defaultSort: ["created_at", "desc"],
      readRoles: REVIEWERS,
      softDeletes: false,
    }),
  );
  return r;
}
