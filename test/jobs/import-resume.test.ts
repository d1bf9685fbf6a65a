import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startStack, type Stack } from "../support/stack.ts";
import { runImport } from "../../jobs/imports/run-import.job.ts";
import { BATCH_ROWS } from "../../core/imports/run.ts";
import { createJobContext } from "../../worker/job-context.ts";

const ROWS = BATCH_ROWS * 3 + 500;

/** A worker killed in the middle of a batch: that batch rolls back, and the next run resumes after the last committed one. */
describe("an import interrupted mid-file", () => {
  let stack: Stack;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "leadhub-imports-"));
    stack = await startStack({ env: { LEADHUB_DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("when the worker dies during the third batch, then a second run finishes it and no row is imported twice", async () => {
    const run = Date.now().toString(36);
    // Every tenth row repeats an earlier person (same email), so merges cross batch boundaries too.
    const lines = ["email,first_name,last_name,phone"];
    for (let i = 0; i < ROWS; i++) {
      const p = i % 10 === 9 ? (i - 2001 > 0 ? i - 2001 : i - 1) : i;
      lines.push(`person${p}.${run}@example.com,Name${p},Family,${i % 7 === 0 ? `98${String(10_000_000 + i).slice(-8)}` : ""}`);
    }
    const form = new FormData();
    form.append("file", new Blob([lines.join("\n")]), "big.csv");
    const staged = await (
      await fetch(`${stack.baseUrl}/api/imports`, { method: "POST", headers: { authorization: `Bearer ${stack.adminToken}` }, body: form })
    ).json();
    await stack.services.db("imports").where("id", staged.id).update({ status: "queued" });

    // Two clock reads at the start, two per batch: the seventh is inside the third batch's transaction.
    let reads = 0;
    const dying = {
      ...createJobContext(stack.services),
      clock: {
        now: () => {
          if (++reads === 7) throw new Error("worker killed");
          return new Date();
        },
      },
    };
    await expect(runImport(dying, { tenantId: stack.tenantId, importId: staged.id })).rejects.toThrow("worker killed");
    const half = await stack.services.db("imports").where("id", staged.id).first();
    expect(half).toMatchObject({ status: "running", processed_rows: BATCH_ROWS * 2 });

    const result = await runImport(createJobContext(stack.services), { tenantId: stack.tenantId, importId: staged.id });
    expect(result.outcome).toBe("done");
    const done = await stack.services.db("imports").where("id", staged.id).first();
    expect(done).toMatchObject({ status: "done", processed_rows: ROWS, total_rows: ROWS, rejected: 0 });
    expect(done.imported + done.merged).toBe(ROWS);
    const leads = await stack.services.db("leads").where("import_id", staged.id).select("email", "import_row");
    expect(leads).toHaveLength(done.imported);
    expect(new Set(leads.map((l) => l.email)).size).toBe(leads.length);
    expect(new Set(leads.map((l) => l.import_row)).size).toBe(leads.length);
  });
});
