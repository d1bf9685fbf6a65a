import type { JobContext, JobResult } from "../../core/context.ts";
import type { JobPayloads } from "../../core/queues.ts";
import { failImport, runImportFile } from "../../core/imports/run.ts";

type Payload = JobPayloads["import.run"];

/**
 * `import.run`: the file streamed and written in batches that each commit with the import's
 * progress, so a restarted worker resumes after the last committed row; then a duplicate scan of
 * the imported leads is enqueued (core/imports/run.ts).
 */
export function runImport(ctx: JobContext, data: Payload): Promise<JobResult> {
  return runImportFile(ctx, data);
}

/** After the last retry the import shows as failed, with the reason; its committed batches stay. */
export function onImportFailed(ctx: JobContext, data: Payload, err: Error): Promise<void> {
  return failImport(ctx, data, err);
}
