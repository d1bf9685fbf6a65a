import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { json, tag } from "../support/json-api.ts";
import { startStack, type Stack } from "../support/stack.ts";
import { runImport } from "../../jobs/imports/run-import.job.ts";
import { BATCH_ROWS } from "../../core/imports/run.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { prepareSafely } from "../../core/imports/prepare-thread.ts";
import { preparedBatches } from "../../core/imports/prepared-batches.ts";
import type { ImportSettings } from "../../core/imports/prepare-rows.ts";
import { sniffCsv } from "../../core/imports/sniff.ts";

/** Rows prepared in a worker thread, written set-based: the same leads, merges, reviews and errors as row by row. */
describe("an import prepared in a thread", () => {
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

  async function importFile(csv: string) {
    const form = new FormData();
    form.append("file", new Blob([csv]), "fair.csv");
    const res = await fetch(`${stack.baseUrl}/api/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.adminToken}` },
      body: form,
    });
    const staged = await json(Promise.resolve(res), 201);
    await stack.services.db("imports").where("id", staged.id).update({ status: "queued" });
    const result = await runImport(createJobContext(stack.services), { tenantId: stack.tenantId, importId: staged.id });
    return { id: staged.id as string, result };
  }

  it("when a file repeats people within itself and the tenant's, then they merge, a shared phone opens a review and bad rows are errors", async () => {
    const t = tag();
    const db = stack.services.db;
    const phone = `98${String(Date.now()).slice(-8)}`;
    const famPhone = `97${String(Date.now()).slice(-8)}`;
    const [existing, family] = await Promise.all([
      json(
        stack.api("/leads", { method: "POST", json: { first_name: "Kiran", last_name: "Rao", email: `kiran.${t}@acme.test`, phone } }),
        201,
      ),
      json(stack.api("/leads", { method: "POST", json: { first_name: "Ramesh", last_name: "Patil", phone: famPhone } }), 201),
    ]);
    const { id, result } = await importFile(
      [
        "email,first_name,last_name,phone,company",
        `asha.${t}@example.com,Asha,Kulkarni,,Deccan Realty`,
        // The same person again in the file, written differently: merges into the lead row 1 created.
        `ASHA.${t}@Example.com,Asha,Kulkarni,,Deccan Realty Pvt Ltd`,
        // The tenant's lead, by email and by phone in another format: both merge into it.
        `KIRAN.${t}@acme.test,Kiran,Rao,,`,
        `,Kiran,Rao,+91 ${phone.slice(0, 5)} ${phone.slice(5)},Rao Traders`,
        // Another person on a family's phone: a new lead, with a review against Ramesh.
        `suresh.${t}@example.com,Suresh,Patil,${famPhone},`,
        // Nobody to reach: rejected.
        `not an email,Nobody,Here,12345,`,
        `bina.${t}@example.com,Bina,Shah,,`,
        // An unbalanced quote to the end of the file: an error row, not a crash.
        `"broken.${t}@example.com,Broken,Row,,`,
      ].join("\n"),
    );
    expect(result.outcome).toBe("done");
    const imp = await db("imports").where("id", id).first();
    expect(imp).toMatchObject({ status: "done", processed_rows: 8, imported: 3, merged: 3, flagged: 1, rejected: 2 });
    const leads = await db("leads").where("import_id", id).orderBy("import_row").select("id", "first_name", "import_row", "is_duplicate");
    expect(leads.map((l) => [l.first_name, l.import_row, l.is_duplicate])).toEqual([
      ["Asha", 1, false],
      ["Suresh", 5, true],
      ["Bina", 7, false],
    ]);
    const merges = await db("lead_merges").where("import_id", id).orderBy("import_row").select("lead_id", "import_row", "kind");
    expect(merges).toEqual([
      { lead_id: existing.id, import_row: 3, kind: "import" },
      { lead_id: existing.id, import_row: 4, kind: "import" },
    ]);
    // The in-file repeat is no second lead; the tenant's lead took the company it lacked, and says so on its timeline.
    expect(await db("leads").where("tenant_id", stack.tenantId).whereILike("email", `asha.${t}@%`).pluck("id")).toEqual([leads[0].id]);
    expect(await db("activities").where({ record_id: existing.id, action: "lead.reimported" }).pluck("title")).toHaveLength(2);
    const kiran = await db("leads").where("id", existing.id).first();
    expect(kiran.company).toBe("Rao Traders");
    const reviews = await db("duplicate_reviews").where("lead_id", leads[1].id).select("candidate_lead_id", "status", "origin");
    expect(reviews).toEqual([{ candidate_lead_id: family.id, status: "open", origin: "import" }]);
    const errors = await db("import_errors").where("import_id", id).orderBy("row_number").select("row_number", "reason");
    expect(errors.map((e) => e.row_number)).toEqual([6, 8]);
    expect(errors[0].reason).toMatch(/no valid email or phone/);
    expect(errors[1].reason).toMatch(/unbalanced quote/);
  });

  it("when three batches each bring one lead a new phone through a different key, then the lead keeps every phone and the third row finds it by the first's", async () => {
    const t = tag();
    const db = stack.services.db;
    const phone = (n: number) => `9${String(800_000_000 + n * 1_000 + (Date.now() % 1_000)).slice(-9)}`;
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
      else lines.push(`filler${i}.${t}@example.com,Filler,Number${i},,`);
    }
    const { id, result } = await importFile(lines.join("\n"));
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

  it("when preparing a row throws, then that row is an error with the reason and the others go on", () => {
    const settings = { headers: ["email"], mapping: null, defaults: {}, unmapped: "custom", region: "IN" } as unknown as ImportSettings;
    const row = prepareSafely({ row: 3, cells: ["a@example.com"] }, settings);
    expect(row).toMatchObject({ ok: false, row: 3, cells: ["a@example.com"] });
    expect(row.ok === false && row.reason).toMatch(/^could not be read: /);
  });

  it("when the file cannot be read, then the import's batches end in an error, not a crash", async () => {
    const settings: ImportSettings = { headers: ["email"], mapping: { email: "email" }, defaults: {}, unmapped: "custom", region: "IN" };
    const sniffed = sniffCsv(Buffer.from("email\na@example.com\n"));
    const read = async () => {
      for await (const b of preparedBatches({ path: join(dataDir, "gone.csv"), sniffed, settings, skipRows: 0, batchRows: 10 })) void b;
    };
    await expect(read()).rejects.toThrow(/ENOENT/);
  });
});
