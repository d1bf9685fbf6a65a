import { Router, type Request } from "express";
import { mkdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { randomUUID } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { stringify as csvStringify } from "csv-stringify";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { unprocessable } from "../../../core/errors.ts";
import { proposeMapping } from "../../../core/imports/mapping.ts";
import { sniffCsv } from "../../../core/imports/sniff.ts";
import {
  checkDefaultOwner,
  checkMapping,
  enqueueImport,
  importErrorRows,
  importOf,
  insertImport,
  moveImport,
  nextRun,
  readHead,
} from "../../../core/imports/staging.ts";
import { requireRole } from "../../auth/require-user.ts";
import { PERMISSIONS } from "../../../core/permissions.ts";
import { CSV_FORMAT } from "../../csv.ts";
import { resourceRoutes } from "../resource.ts";
import { audit } from "../audit.ts";
import { defaultsSchema, jsonField, optionsSchema, receiveUpload } from "./upload.ts";

export const IMPORTERS = PERMISSIONS.imports.write;
const startSchema = z
  .object({ mapping: z.record(z.string(), z.string()).optional(), defaults: defaultsSchema.optional(), options: optionsSchema.optional() })
  .strict();

/** CSV imports: upload and sniff, start/pause/resume/cancel, the error file. */
export function importsRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;
  const dir = resolve(services.config.dataDir, "imports");
  const tenant = (req: Request) => req.user!.tenantId;

  r.post("/", requireRole(...IMPORTERS), async (req, res) => {
    await mkdir(dir, { recursive: true });
    const id = randomUUID();
    const path = join(dir, `${id}.csv`);
    try {
      const upload = await receiveUpload(req, path);
      if (upload.size === 0) throw unprocessable("import_empty_file", "the file is empty");
      const head = await readHead(path);
      const sniffed = sniffCsv(head);
      if (!sniffed.headers.length) throw unprocessable("import_no_columns", "no columns found in the file");
      const proposed = proposeMapping(sniffed.headers, sniffed.preview);
      const mapping = jsonField(upload.fields.mapping, z.record(z.string(), z.string()), "import_invalid_mapping");
      if (mapping) checkMapping(mapping, sniffed.headers);
      const defaults = jsonField(upload.fields.defaults, defaultsSchema, "import_invalid_defaults") ?? {};
      await checkDefaultOwner(db, tenant(req), defaults);
      const options = jsonField(upload.fields.options, optionsSchema, "import_invalid_options") ?? { unmapped: "custom" };
      const start = upload.fields.start === "true";
      const imp = await insertImport(db, {
        id,
        tenantId: tenant(req),
        userId: req.user!.id,
        filename: upload.filename,
        size: upload.size,
        path,
        head,
        sniffed,
        proposed,
        mapping,
        defaults,
        options,
        start,
      });
      if (start) await audit(db, req, "import_start", "imports", imp.id, { filename: imp.filename, estimated_rows: imp.total_rows });
      if (start) await enqueueImport(services.queues, imp);
      res.status(201).json(imp);
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
  });

  r.post("/:id/start", requireRole(...IMPORTERS), async (req, res) => {
    const body = startSchema.parse(req.body ?? {});
    const staged = await importOf(db, tenant(req), req.params.id);
    if (body.mapping) checkMapping(body.mapping, staged.headers);
    await checkDefaultOwner(db, tenant(req), body.defaults);
    const imp = await moveImport(db, tenant(req), req.params.id, ["staged"], "queued", clock.now(), () => ({
      runs: 1,
      ...(body.mapping && { mapping: JSON.stringify(body.mapping) }),
      ...(body.defaults && { defaults: JSON.stringify(body.defaults) }),
      ...(body.options && { options: JSON.stringify(body.options) }),
    }));
    await audit(db, req, "import_start", "imports", imp.id, { filename: imp.filename, estimated_rows: imp.total_rows });
    await enqueueImport(services.queues, imp);
    res.json(imp);
  });

  r.post("/:id/pause", requireRole(...IMPORTERS), async (req, res) => {
    res.json(await moveImport(db, tenant(req), req.params.id, ["queued", "running"], "paused", clock.now()));
  });
  r.post("/:id/resume", requireRole(...IMPORTERS), async (req, res) => {
    const imp = await moveImport(db, tenant(req), req.params.id, ["paused"], "queued", clock.now(), nextRun);
    await enqueueImport(services.queues, imp);
    res.json(imp);
  });
  r.post("/:id/cancel", requireRole(...IMPORTERS), async (req, res) => {
    res.json(
      await moveImport(db, tenant(req), req.params.id, ["staged", "queued", "running", "paused"], "cancelled", clock.now(), () => ({
        finished_at: clock.now(),
      })),
    );
  });

  // The rows it could not take: the original cells, the row number and the reason, to fix and re-upload.
  r.get("/:id/errors.csv", requireRole(...IMPORTERS), async (req, res) => {
    const imp = await importOf(db, tenant(req), req.params.id);
    const headers = imp.headers as string[];
    const rows = importErrorRows(db, imp.id);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader(
      "Content-Disposition",
      `attachment; filename="${imp.filename.replace(/\.csv$/i, "").replace(/[^\w.-]+/g, "_")}-errors.csv"`,
    );
    async function* lines() {
      for await (const e of rows) {
        // A ragged row keeps its extra cells after the header's columns.
        const cells = e.cells.length >= headers.length ? e.cells : [...e.cells, ...Array(headers.length - e.cells.length).fill("")];
        yield [...cells.slice(0, headers.length), String(e.row_number), e.reason];
      }
    }
    await pipeline(Readable.from(lines()), csvStringify({ header: true, columns: [...headers, "Row", "Error"], ...CSV_FORMAT }), res);
  });

  r.use(
    resourceRoutes(services, {
      name: "imports",
      table: "imports",
      columns: [
        "id",
        "filename",
        "size_bytes",
        "status",
        "encoding",
        "delimiter",
        "has_header",
        "headers",
        "preview",
        "proposed_mapping",
        "mapping",
        "defaults",
        "options",
        "total_rows",
        "total_exact",
        "processed_rows",
        "bytes_read",
        "imported",
        "merged",
        "flagged",
        "rejected",
        "error",
        "dedup_scan_id",
        "created_by",
        "started_at",
        "finished_at",
        "created_at",
        "updated_at",
      ],
      filters: ["status", "created_by"],
      ranges: ["created_at"],
      sortable: ["created_at", "filename", "status"],
      readRoles: IMPORTERS,
      softDeletes: false,
    }),
  );
  return r;
}
