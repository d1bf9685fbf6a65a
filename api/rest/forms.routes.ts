import { Router } from "express";
import type { Services } from "../../core/services.ts";
import { sourceHealth } from "../../core/source-health.ts";
import { sourceRecord } from "../../core/sources.ts";
import { embedSnippet } from "../ingest/hosted-form.ts";
import type { SourceLookup } from "../ingest/source-lookup.ts";
import { requireRole } from "../auth/require-user.ts";
import { formsResource } from "./forms.resource.ts";
import { SOURCE_KEEPERS } from "../../core/permissions.ts";
import { resourceRoutes } from "./resource.ts";

/** Web forms: the resource, each form's health, and its hosted page and embed snippet. */
export function formsRoutes(services: Services, sources: SourceLookup): Router {
  const r = Router();
  const { db, clock } = services;

  r.get("/:id/health", requireRole(...SOURCE_KEEPERS), async (req, res) => {
    const f = await sourceRecord(db, req.user!.tenantId, "forms", String(req.params.id));
    res.json(await sourceHealth(db, req.user!.tenantId, "form", f.id, clock.now()));
  });

  r.get("/:id/embed", requireRole(...SOURCE_KEEPERS), async (req, res) => {
    const f = await sourceRecord(db, req.user!.tenantId, "forms", String(req.params.id));
    const form = await sources.form(f.key);
    // Without PUBLIC_URL, the address the console is using is the best guess at the public one.
    const base = (services.config.publicUrlConfigured ? services.config.publicUrl : `${req.protocol}://${req.get("host")}`).replace(
      /\/$/,
      "",
    );
    res.json({ hosted_url: `${base}/forms/${f.key}`, snippet: embedSnippet(form, base) });
  });

  r.use(resourceRoutes(services, formsResource()));
  return r;
}
