import { Router, type Request } from "express";
import { createWriteStream } from "node:fs";
import { mkdir, open, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { randomUUID } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import busboy from "busboy";
import { stringify as csvStringify } from "csv-stringify";
import { z } from "zod";
import type { Services } from "../../core/services.ts";
import { AppError, badRequest, conflict, notFound, unprocessable } from "../../core/errors.ts";
import { requireRole } from "../auth/require-user.ts";
import { sniffCsv } from "../../core/imports/sniff.ts";
import { proposeMapping } from "../../core/imports/mapping.ts";
import { parseMappingTarget } from "../../core/lead/field-names.ts";
import { jobId } from "../../core/queues.ts";
import type { Role } from "../types.ts";
import { CSV_FORMAT } from "../csv.ts";
import { resourceRoutes } from "./resource.ts";

/** Largest file taken; bigger ones get 413 before they fill the disk. */
export const MAX_IMPORT_BYTES = 1024 ** 3;
const IMPORTERS: Role[] = ["admin", "manager", "marketer"];
const SNIFF_BYTES = 64 * 1024;

/** What every row gets unless it says otherwise. Unknown keys are dropped, not refused: exports of
 * other tools send more than we use. A sequence is kept for the nurture step. */
const defaultsSchema = z.object({
  source: z.string().trim().max(200).optional(),
  subsource: z.string().trim().max(200).optional(),
  campaign: z.string().trim().max(200).optional(),
  owner_id: z.uuid().optional(),
  tags: z.preprocess((v) => (typeof v === "string" ? v.split(/[,;]/).map((t) => t.trim()).filter(Boolean) : v), z.array(z.string().trim().max(100)).max(50)).optional(),
  sequence_id: z.string().trim().max(100).optional(),
});
const optionsSchema = z.object({ unmapped: z.enum(["custom", "skip"]).default("custom") }).strict();
const startSchema = z.object({ mapping: z.record(z.string(), z.string()).optional(), defaults: defaultsSchema.optional(), options: optionsSchema.optional() }).strict();

async function checkOwner(services: Services, tenantId: string, defaults: { owner_id?: string } | undefined) {
  if (!defaults?.owner_id) return;
  const found = await services.db("users").where({ id: defaults.owner_id, tenant_id: tenantId }).whereNull("deleted_at").first("id");
  if (!found) throw unprocessable("import_invalid_defaults", "owner_id does not name a user of this tenant", [{ path: "owner_id", message: "unknown user" }]);
}

/** A mapping names columns the file has and targets leadhub knows: a lead field, `custom_fields.<name>` or `skip`. */
function checkMapping(mapping: Record<string, string>, headers: string[]) {
  const problems = Object.entries(mapping).flatMap(([header, target]) =>
    !headers.includes(header) ? [{ path: header, message: "no such column in the file" }]
    : target !== "skip" && !parseMappingTarget(target) ? [{ path: header, message: `"${target}" is not a lead field, custom_fields.<name> or skip` }]
    : []);
  if (problems.length) throw unprocessable("import_invalid_mapping", "the column mapping is not valid", problems);
}

function jsonField<T>(raw: string | undefined, schema: z.ZodType<T>, code: string): T | undefined {
  if (raw === undefined || raw === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw unprocessable(code, "not valid JSON");
  }
  const r = schema.safeParse(parsed);
  if (!r.success) throw unprocessable(code, "not valid", r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  return r.data;
}

/** Streams the multipart `file` to disk (never whole in memory) and collects the other fields. */
function receiveUpload(req: Request, path: string): Promise<{ filename: string; size: number; fields: Record<string, string> }> {
  return new Promise((done, fail) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_IMPORT_BYTES, fields: 20, fieldSize: 1_000_000 } });
    } catch {
      return fail(badRequest("import_not_multipart", "send the file as multipart/form-data in a field named file"));
    }
    const fields: Record<string, string> = {};
    let file: Promise<{ filename: string; size: number }> | null = null;
    bb.on("field", (name, value) => (fields[name] = value));
    bb.on("file", (name, stream, info) => {
      if (name !== "file") return stream.resume();
      let size = 0;
      let truncated = false;
      stream.on("data", (chunk: Buffer) => (size += chunk.length));
      stream.on("limit", () => (truncated = true));
      file = pipeline(stream, createWriteStream(path)).then(() => {
        if (truncated) throw new AppError("too_large", "import_too_large", `files up to ${MAX_IMPORT_BYTES / 1024 ** 3} GB are taken`);
        return { filename: info.filename || "upload.csv", size };
      });
    });
    bb.on("error", (e) => fail(badRequest("import_bad_upload", (e as Error).message)));
    bb.on("close", () => {
      if (!file) return fail(badRequest("import_file_missing", "no file: send it in a multipart field named file"));
      file.then((f) => done({ ...f, fields }), fail);
    });
    req.pipe(bb);
  });
}

/** Rows in the file, from the sample's line length, until the import has read it all. */
function estimateRows(size: number, head: Buffer): number {
  let lines = 0;
  for (const b of head) if (b === 10) lines++;
  return lines > 1 ? Math.max(0, Math.round(size / (head.length / lines)) - 1) : 1;
}

async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** CSV imports: upload and sniff, start/pause/resume/cancel, the error file, saved mapping templates. */
export function importsRoutes(services: Services): Router {
  const r = Router();
  const { db, clock } = services;
  const dir = resolve(services.config.dataDir, "imports");

  const enqueue = async (imp: { id: string; tenant_id: string; runs: number }) =>
    services.queues.enqueue("import.run", { tenantId: imp.tenant_id, importId: imp.id }, { jobId: jobId.importRun(imp.id, imp.runs) });
  const load = async (req: Request) => {
    if (!z.uuid().safeParse(req.params.id).success) throw notFound("import");
    const imp = await db("imports").where({ id: req.params.id, tenant_id: req.user!.tenantId }).first();
    if (!imp) throw notFound("import");
    return imp;
  };
  /** Moves an import between states, only from the ones named; the row is the truth the job follows. */
  const move = async (req: Request, from: string[], to: string, extra: Record<string, unknown> = {}) => {
    const imp = await load(req);
    const [after] = await db("imports")
      .where({ id: imp.id })
      .whereIn("status", from)
      .update({ status: to, ...extra, updated_at: clock.now() })
      .returning("*");
    if (!after) throw conflict("import_wrong_status", `cannot go from ${imp.status} to ${to}`, { status: imp.status });
    return after;
  };

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
      await checkOwner(services, req.user!.tenantId, defaults);
      const options = jsonField(upload.fields.options, optionsSchema, "import.invalid_options") ?? { unmapped: "custom" };
      const start = upload.fields.start === "true";
      const [imp] = await db("imports")
        .insert({
          id, tenant_id: req.user!.tenantId, filename: upload.filename.slice(0, 300), size_bytes: upload.size, storage_path: path,
          status: start ? "queued" : "staged", encoding: sniffed.encoding, delimiter: sniffed.delimiter, has_header: sniffed.hasHeader,
          headers: JSON.stringify(sniffed.headers), preview: JSON.stringify(sniffed.preview), proposed_mapping: JSON.stringify(proposed),
          mapping: JSON.stringify(mapping ?? proposed), defaults: JSON.stringify(defaults), options: JSON.stringify(options),
          total_rows: estimateRows(upload.size, head), runs: start ? 1 : 0, created_by: req.user!.id,
        })
        .returning("*");
      if (start) await enqueue(imp);
      res.status(201).json(imp);
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
  });

  r.post("/:id/start", requireRole(...IMPORTERS), async (req, res) => {
    const body = startSchema.parse(req.body ?? {});
    const staged = await load(req);
    if (body.mapping) checkMapping(body.mapping, staged.headers);
    await checkOwner(services, req.user!.tenantId, body.defaults);
    const imp = await move(req, ["staged"], "queued", {
      runs: 1,
      ...(body.mapping && { mapping: JSON.stringify(body.mapping) }),
      ...(body.defaults && { defaults: JSON.stringify(body.defaults) }),
      ...(body.options && { options: JSON.stringify(body.options) }),
    });
    await enqueue(imp);
    res.json(imp);
  });

  r.post("/:id/pause", requireRole(...IMPORTERS), async (req, res) => {
    res.json(await move(req, ["queued", "running"], "paused"));
  });
  r.post("/:id/resume", requireRole(...IMPORTERS), async (req, res) => {
    const imp = await move(req, ["paused"], "queued", { runs: db.raw("runs + 1") });
    await enqueue(imp);
    res.json(imp);
  });
  r.post("/:id/cancel", requireRole(...IMPORTERS), async (req, res) => {
    res.json(await move(req, ["staged", "queued", "running", "paused"], "cancelled", { finished_at: clock.now() }));
  });

  // The rows it could not take: the original cells, the row number and the reason, to fix and re-upload.
  r.get("/:id/errors.csv", requireRole(...IMPORTERS), async (req, res) => {
    const imp = await load(req);
    const headers = imp.headers as string[];
    const rows = db("import_errors").where("import_id", imp.id).orderBy("row_number").select("row_number", "cells", "reason").stream();
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="${imp.filename.replace(/\.csv$/i, "").replace(/[^\w.-]+/g, "_")}-errors.csv"`);
    async function* lines() {
      for await (const e of rows as AsyncIterable<{ row_number: number; cells: string[]; reason: string }>) {
        // A ragged row keeps its extra cells after the header's columns.
        const cells = e.cells.length >= headers.length ? e.cells : [...e.cells, ...Array(headers.length - e.cells.length).fill("")];
        yield [...cells.slice(0, headers.length), String(e.row_number), e.reason];
      }
    }
    await pipeline(Readable.from(lines()), csvStringify({ header: true, columns: [...headers, "Row", "Error"], ...CSV_FORMAT }), res);
  });

  r.use(
    "/",
    resourceRoutes(services, {
      name: "imports",
      table: "imports",
      columns: ["id", "filename", "size_bytes", "status", "encoding", "delimiter", "has_header", "headers", "preview", "proposed_mapping",
        "mapping", "defaults", "options", "total_rows", "total_exact", "processed_rows", "bytes_read", "imported", "merged", "flagged",
        "rejected", "error", "dedup_scan_id", "created_by", "started_at", "finished_at", "created_at", "updated_at"],
      filters: ["status", "created_by"],
      ranges: ["created_at"],
      sortable: ["created_at", "filename", "status"],
      readRoles: IMPORTERS,
      softDeletes: false,
    }),
  );
  return r;
}

/** Saved column mappings, to reuse for the next export of the same CRM. */
export function importTemplatesRoutes(services: Services): Router {
  const body = z.object({
    name: z.string().trim().min(1).max(200),
    mapping: z.record(z.string(), z.string()),
    defaults: defaultsSchema.default({}),
    options: optionsSchema.default({ unmapped: "custom" }),
  });
  const toRow = (d: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(d).map(([k, v]) => [k, k === "name" ? v : JSON.stringify(v)]));
  return resourceRoutes(services, {
    name: "import_templates",
    table: "import_templates",
    columns: ["id", "name", "mapping", "defaults", "options", "created_by", "created_at", "updated_at"],
    filters: ["name"],
    sortable: ["name", "created_at"],
    search: { ilike: ["name"] },
    readRoles: IMPORTERS,
    writeRoles: IMPORTERS,
    create: { schema: body, toRow: (d, req) => ({ ...toRow(d), created_by: req.user!.id }) },
    update: { schema: body.partial(), toRow: (d) => toRow(d) },
    deletable: true,
  });
}
