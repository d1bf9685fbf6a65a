import { audit } from "./audit.ts";
import { Router, type Request } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { conflict, notFound, unprocessable } from "../../core/errors.ts";
import { requireRole } from "../auth/require-user.ts";
import { MERGE_FIELDS } from "../../core/dedup/fields.ts";
import { mergeLeads, undoLastMerge } from "../../core/dedup/merge.ts";
import { DEFAULT_MATCH_RULES, matchRulesSchema, rulesFrom } from "../../core/dedup/rules.ts";
import { jobId } from "../../core/queues.ts";
import type { Role } from "../types.ts";
import { resourceRoutes } from "./resource.ts";
import { visibleLead } from "./lead-details.routes.ts";

const DECIDERS: Role[] = ["admin", "manager"];
/** Reviews show both leads whole, whoever owns them: not for a rep, who sees only their own leads. */
const REVIEWERS: Role[] = ["admin", "manager", "marketer"];

const mergeSchema = z
  .object({
    /** Which of the two keeps its id, number, owner and history; by default the older one (the candidate). */
    survivor: z.enum(["candidate", "lead"]).default("candidate"),
    /** Per field, whose value the surviving lead keeps; fields not named keep the survivor's, filling empty ones. */
    fields: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(["lead", "candidate"])).default({}),
  })
  .strict();

const scanSchema = z.object({ auto_merge: z.boolean().default(true) }).strict();

/** Duplicate reviews and their decisions, merge history and undo, matching rules, duplicate scans. */
export function dedupRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;

  const openReview = async (req: Request, id: string) => {
    if (!z.uuid().safeParse(id).success) throw notFound("duplicate review");
    const review = await db("duplicate_reviews").where({ id, tenant_id: req.user!.tenantId }).first();
    if (!review) throw notFound("duplicate review");
    if (review.status !== "open") throw conflict("dedup_review_closed", `this review is already ${review.status}`);
    return review;
  };
  const regionOf = async (tenantId: string) => (await db("tenants").where("id", tenantId).first("default_region")).default_region as string;

  // Both records with every merge field, marking where they differ: the review screen's data.
  r.get("/duplicate_reviews/:id/comparison", requireRole(...REVIEWERS), async (req, res) => {
    if (!z.uuid().safeParse(req.params.id).success) throw notFound("duplicate review");
    const review = await db("duplicate_reviews").where({ id: req.params.id, tenant_id: req.user!.tenantId }).first();
    if (!review) throw notFound("duplicate review");
    const leads = await db("leads").whereIn("id", [review.lead_id, review.candidate_lead_id]).select("*");
    const lead = leads.find((l) => l.id === review.lead_id);
    const candidate = leads.find((l) => l.id === review.candidate_lead_id);
    const text = (v: unknown) => (v == null ? "" : String(v).trim().toLowerCase());
    const fields = MERGE_FIELDS.map((field) => ({
      field,
      lead: lead?.[field] ?? null,
      candidate: candidate?.[field] ?? null,
      differs: text(lead?.[field]) !== text(candidate?.[field]),
    }));
    const strip = ({ search: _s, ...l }: Record<string, unknown>) => l;
    res.json({ review, lead: lead && strip(lead), candidate: candidate && strip(candidate), fields });
  });

  r.post("/duplicate_reviews/:id/merge", requireRole(...DECIDERS), async (req, res) => {
    const body = mergeSchema.parse(req.body ?? {});
    const result = await db.transaction(async (trx) => {
      const review = await openReview(req, String(req.params.id));
      const [survivorId, mergedId] = body.survivor === "candidate" ? [review.candidate_lead_id, review.lead_id] : [review.lead_id, review.candidate_lead_id];
      const other = body.survivor === "candidate" ? "lead" : "candidate";
      const choices = Object.fromEntries(Object.entries(body.fields).map(([f, who]) => [f, who === other ? "other" : "survivor"] as const));
      const { mergeId } = await mergeLeads(trx, {
        tenantId: req.user!.tenantId, survivorId, mergedId, choices, reviewId: review.id, score: Number(review.score), reasons: review.reasons,
        userId: req.user!.id, region: await regionOf(req.user!.tenantId), now: clock.now(),
      });
      return { merge_id: mergeId, lead_id: survivorId, merged_lead_id: mergedId };
    });
    res.json(result);
  });

  // "Not a duplicate": the review closes and the pair is remembered, so it never comes back.
  r.post("/duplicate_reviews/:id/dismiss", requireRole(...DECIDERS), async (req, res) => {
    const now = clock.now();
    const review = await db.transaction(async (trx) => {
      const review = await openReview(req, String(req.params.id));
      const [a, b] = [review.lead_id, review.candidate_lead_id].sort();
      await trx("dedup_exclusions").insert({ tenant_id: review.tenant_id, lead_a: a, lead_b: b, created_by: req.user!.id, created_at: now }).onConflict(["lead_a", "lead_b"]).ignore();
      const [closed] = await trx("duplicate_reviews").where("id", review.id).update({ status: "dismissed", resolved_by: req.user!.id, resolved_at: now, updated_at: now }).returning("*");
      const stillOpen = await trx("duplicate_reviews").where({ lead_id: review.lead_id, status: "open" }).first("candidate_lead_id");
      await trx("leads").where("id", review.lead_id).update({ is_duplicate: Boolean(stillOpen), duplicate_of_id: stillOpen?.candidate_lead_id ?? null, updated_at: now });
      return closed;
    });
    res.json(review);
  });

  r.use(
    "/duplicate_reviews",
    resourceRoutes(services, {
      name: "duplicate_reviews",
      table: "duplicate_reviews",
      columns: ["id", "lead_id", "candidate_lead_id", "score", "reasons", "status", "origin", "resolved_by", "resolved_at", "created_at", "updated_at"],
      filters: ["status", "lead_id", "candidate_lead_id", "origin"],
      ranges: ["score", "created_at"],
      sortable: ["score", "created_at", "status"],
      defaultSort: ["created_at", "desc"],
      readRoles: REVIEWERS,
      softDeletes: false,
    }),
  );

  r.get("/leads/:id/merges", async (req, res) => {
    const lead = await visibleLead(services, req, req.params.id);
    const rows = await db("lead_merges as m")
      .leftJoin("leads as o", "o.id", "m.merged_lead_id")
      .leftJoin("users as u", "u.id", "m.merged_by")
      .leftJoin("inbound_events as e", "e.id", "m.inbound_event_id")
      .where({ "m.lead_id": lead.id, "m.tenant_id": req.user!.tenantId })
      .orderBy("m.created_at", "desc")
      .select("m.id", "m.kind", "m.inbound_event_id", "e.channel", "m.merged_lead_id", "o.lead_number as merged_lead_number", "m.score", "m.reasons",
        "m.taken", "m.not_taken", "m.created_at", "u.name as merged_by_name", "m.undone_at", "m.split_lead_id");
    res.json(rows);
  });

  r.post("/leads/:id/merges/undo", requireRole(...DECIDERS), async (req, res) => {
    const lead = await visibleLead(services, req, String(req.params.id));
    const region = await regionOf(req.user!.tenantId);
    const out = await db.transaction((trx) => undoLastMerge(trx, req.user!.tenantId, lead.id, { userId: req.user!.id, region, now: clock.now() }));
    res.json({ merge_id: out.mergeId, split_lead_id: out.splitLeadId });
  });

  r.get("/dedup/rules", async (req, res) => {
    const t = await db("tenants").where("id", req.user!.tenantId).first(db.raw("settings->'dedup' as rules"));
    res.json({ rules: rulesFrom(t.rules), defaults: DEFAULT_MATCH_RULES });
  });

  r.put("/dedup/rules", requireRole("admin"), async (req, res) => {
    const parsed = matchRulesSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw unprocessable("dedup_invalid_rules", "the matching rules are not valid", parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
    await db.transaction(async (trx) => {
      await trx("tenants").where("id", req.user!.tenantId).update({ settings: trx.raw("jsonb_set(settings, '{dedup}', ?::jsonb)", [JSON.stringify(parsed.data)]), updated_at: clock.now() });
      await audit(trx, req, "update", "dedup_rules", req.user!.tenantId, parsed.data);
    });
    res.json({ rules: parsed.data, defaults: DEFAULT_MATCH_RULES });
  });

  // A scan over the tenant's leads; its row is the progress the console shows.
  r.post("/dedup_scans", requireRole(...DECIDERS), async (req, res) => {
    const body = scanSchema.parse(req.body ?? {});
    const running = await db("dedup_scans").where({ tenant_id: req.user!.tenantId }).whereIn("status", ["queued", "running"]).first("id");
    if (running) throw conflict("dedup_scan_running", "a duplicate scan is already running", { id: running.id });
    const [scan] = await db("dedup_scans").insert({ tenant_id: req.user!.tenantId, auto_merge: body.auto_merge, requested_by: req.user!.id }).returning("*");
    await services.queues.enqueue("dedup.scan", { tenantId: req.user!.tenantId, scanId: scan.id }, { jobId: jobId.dedupScan(scan.id) });
    res.status(201).json(scan);
  });
  r.use(
    "/dedup_scans",
    resourceRoutes(services, {
      name: "dedup_scans",
      table: "dedup_scans",
      columns: ["id", "status", "total", "processed", "merged", "reviews", "auto_merge", "error", "requested_by", "started_at", "finished_at", "created_at", "updated_at"],
      filters: ["status"],
      sortable: ["created_at"],
      readRoles: ["admin", "manager", "marketer"],
      softDeletes: false,
    }),
  );
  return r;
}
