import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startStack, type Stack } from "../support/stack.ts";
import { tag } from "../support/json-api.ts";
import { runImport } from "../../jobs/imports/run-import.job.ts";
import { BATCH_ROWS } from "../../core/imports/run.ts";
import { createJobContext } from "../../worker/job-context.ts";

const ROWS = BATCH_ROWS * 3 + 500;

/** A worker killed in the middle of a batch, or an import paused: that batch rolls back, and the next run resumes after the last committed one. */
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

  /** Uploads the file and queues it, as start=true does, without a worker. */
  async function stage(lines: string[]): Promise<string> {
    const form = new FormData();
    form.append("file", new Blob([lines.join("\n")]), "big.csv");
    const staged = await (
      await fetch(`${stack.baseUrl}/api/imports`, { method: "POST", headers: { authorization: `Bearer ${stack.adminToken}` }, body: form })
    ).json();
    await stack.services.db("imports").where("id", staged.id).update({ status: "queued" });
    return staged.id;
  }

  it("when the worker dies during the third batch, then a second run finishes it and no row is imported twice", async () => {
    const run = Date.now().toString(36);
    // Every tenth row repeats an earlier person (same email), so merges cross batch boundaries too.
    const lines = ["email,first_name,last_name,phone"];
    for (let i = 0; i < ROWS; i++) {
      const p = i % 10 === 9 ? (i - 2001 > 0 ? i - 2001 : i - 1) : i;
      lines.push(`person${p}.${run}@example.com,Name${p},Family,${i % 7 === 0 ? `98${String(10_000_000 + i).slice(-8)}` : ""}`);
    }
    const id = await stage(lines);

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
    await expect(runImport(dying, { tenantId: stack.tenantId, importId: id })).rejects.toThrow("worker killed");
    const half = await stack.services.db("imports").where("id", id).first();
    expect(half).toMatchObject({ status: "running", processed_rows: BATCH_ROWS * 2 });

    const result = await runImport(createJobContext(stack.services), { tenantId: stack.tenantId, importId: id });
    expect(result.outcome).toBe("done");
    const done = await stack.services.db("imports").where("id", id).first();
    expect(done).toMatchObject({ status: "done", processed_rows: ROWS, total_rows: ROWS, rejected: 0 });
    expect(done.imported + done.merged).toBe(ROWS);
    const leads = await stack.services.db("leads").where("import_id", id).select("email", "import_row");
    expect(leads).toHaveLength(done.imported);
    expect(new Set(leads.map((l) => l.email)).size).toBe(leads.length);
    expect(new Set(leads.map((l) => l.import_row)).size).toBe(leads.length);
  });

  it("when an import is paused while it runs, then it stops after a whole batch, and resumed it imports every row once", async () => {
    const t = tag();
    const db = stack.services.db;
    const rows = BATCH_ROWS * 10;
    const lines = ["Email,First Name,Last Name,Phone Number,Mobile Phone Number"];
    for (let i = 1; i <= rows; i++) lines.push(`paused${i}.${t}@example.com,Paused,Number${i},,`);
    const id = await stage(lines);
    const running = runImport(createJobContext(stack.services), { tenantId: stack.tenantId, importId: id });
    await expect
      .poll(async () => (await db("imports").where("id", id).first()).processed_rows, { interval: 20, timeout: 30_000 })
      .toBeGreaterThan(0);
    await db("imports").where("id", id).update({ status: "paused" });
    expect((await running).outcome).toBe("paused");
    const paused = await db("imports").where("id", id).first();
    expect(paused.processed_rows % BATCH_ROWS).toBe(0);
    expect(paused.processed_rows).toBeLessThan(rows);
    expect(await db("leads").where("import_id", id).count()).toEqual([{ count: paused.processed_rows }]);

    await db("imports").where("id", id).update({ status: "queued" });
    expect((await runImport(createJobContext(stack.services), { tenantId: stack.tenantId, importId: id })).outcome).toBe("done");
    expect(await db("imports").where("id", id).first()).toMatchObject({ processed_rows: rows, imported: rows });
    const imported = await db("leads").where("import_id", id).select("import_row");
    expect(imported).toHaveLength(rows);
    expect(new Set(imported.map((l) => l.import_row)).size).toBe(rows);
  });
});
