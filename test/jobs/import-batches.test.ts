import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { json, tag } from "../support/json-api.ts";
import { startStack, type Stack } from "../support/stack.ts";
import { runImport } from "../../jobs/imports/run-import.job.ts";
import { BATCH_ROWS } from "../../core/imports/run.ts";
import { createJobContext } from "../../worker/job-context.ts";

/** An import's batches: what one batch wrote, the next one finds; a pause takes effect between two. */
describe("an import's batches", () => {
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
  async function stage(lines: string[]) {
    const form = new FormData();
    form.append("file", new Blob([lines.join("\n")]), "in-flight.csv");
    const staged = await json(
      fetch(`${stack.baseUrl}/api/imports`, { method: "POST", headers: { authorization: `Bearer ${stack.adminToken}` }, body: form }),
      201,
    );
    await stack.services.db("imports").where("id", staged.id).update({ status: "queued" });
    return staged.id as string;
  }

  const filler = (t: string, i: number) => `filler${i}.${t}@example.com,Filler,Number${i},,`;
  const phone = (n: number) => `9${String(800_000_000 + n * 1_000 + (Date.now() % 1_000)).slice(-9)}`;

  it("when three batches each bring one lead a new phone through a different key, then the lead keeps every phone and the third row finds it by the first's", async () => {
    const t = tag();
    const db = stack.services.db;
    const [own, alt, first, second] = [phone(1), phone(2), phone(3), phone(4)];
    const lead = await json(
      stack.api("/leads", {
        method: "POST",
        json: { first_name: "Meera", last_name: `Iyer ${t}`, email: `meera.${t}@acme.test`, phone: own, alt_phone: alt },
      }),
      201,
    );
    const lines = ["Email,First Name,Last Name,Phone Number,Mobile Phone Number"];
    for (let i = 1; i <= BATCH_ROWS * 3; i++) {
      // Batch 1 finds her by email, batch 2 by her own phone, batch 3 by the phone batch 1 brought.
      if (i === BATCH_ROWS / 2) lines.push(`meera.${t}@acme.test,Meera,Iyer ${t},${first},`);
      else if (i === BATCH_ROWS + BATCH_ROWS / 2) lines.push(`,Meera,Iyer ${t},${own},${second}`);
      else if (i === BATCH_ROWS * 2 + BATCH_ROWS / 2) lines.push(`,Meera,Iyer ${t},${first},`);
      else lines.push(filler(t, i));
    }
    const id = await stage(lines);
    const result = await runImport(createJobContext(stack.services), { tenantId: stack.tenantId, importId: id });
    expect(result.outcome).toBe("done");
    expect(await db("imports").where("id", id).first()).toMatchObject({
      processed_rows: BATCH_ROWS * 3,
      imported: BATCH_ROWS * 3 - 3,
      merged: 3,
      rejected: 0,
    });
    const meera = await db("leads").where("id", lead.id).first();
    expect(meera.additional_phones).toEqual([`+91${first}`, `+91${second}`]);
    expect(await db("leads").where("tenant_id", stack.tenantId).where("last_name", `Iyer ${t}`).pluck("id")).toEqual([lead.id]);
    expect(await db("lead_merges").where({ lead_id: lead.id, import_id: id }).orderBy("import_row").pluck("import_row")).toEqual([
      BATCH_ROWS / 2,
      BATCH_ROWS + BATCH_ROWS / 2,
      BATCH_ROWS * 2 + BATCH_ROWS / 2,
    ]);
  });

  it("when an import is paused while it runs, then it stops after a whole batch, and resumed it imports every row once", async () => {
    const t = tag();
    const db = stack.services.db;
    const rows = BATCH_ROWS * 10;
    const lines = ["Email,First Name,Last Name,Phone Number,Mobile Phone Number"];
    for (let i = 1; i <= rows; i++) lines.push(filler(t, i));
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
