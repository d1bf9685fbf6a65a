import type { Request } from "express";
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { z } from "zod";
import { AppError, badRequest, unprocessable } from "../../../core/errors.ts";

/** Largest file taken; bigger ones get 413 before they fill the disk. */
export const MAX_IMPORT_BYTES = 1024 ** 3;

/** What every row gets unless it says otherwise. Unknown keys are dropped, not refused: exports of
 * other tools send more than we use. A sequence is kept for the nurture step. */
export const defaultsSchema = z.object({
  source: z.string().trim().max(200).optional(),
  subsource: z.string().trim().max(200).optional(),
  campaign: z.string().trim().max(200).optional(),
  owner_id: z.uuid().optional(),
  tags: z
    .preprocess(
      (v) =>
        typeof v === "string"
          ? v
              .split(/[,;]/)
              .map((t) => t.trim())
              .filter(Boolean)
          : v,
      z.array(z.string().trim().max(100)).max(50),
    )
    .optional(),
  sequence_id: z.string().trim().max(100).optional(),
});
export const optionsSchema = z.object({ unmapped: z.enum(["custom", "skip"]).default("custom") }).strict();

/** A multipart field holding JSON, checked against its schema: 422 with the code given. */
export function jsonField<T>(raw: string | undefined, schema: z.ZodType<T>, code: string): T | undefined {
  if (raw === undefined || raw === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw unprocessable(code, "not valid JSON");
  }
  const r = schema.safeParse(parsed);
  if (!r.success)
    throw unprocessable(
      code,
      "not valid",
      r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  return r.data;
}

/** Streams the multipart `file` to disk (never whole in memory) and collects the other fields. */
export function receiveUpload(req: Request, path: string): Promise<{ filename: string; size: number; fields: Record<string, string> }> {
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
