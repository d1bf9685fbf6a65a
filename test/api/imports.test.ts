import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { expectEventually, startStack, type Stack } from "../support/stack.ts";

const HUBSPOT = [
  `"Record ID","First Name","Last Name","Email","Phone Number","Mobile Phone Number","Company Name","City","Lifecycle Stage"`,
  `"101","Rahul","Patil","rahul.patil.{u}@gmail.com","020 2553 1234","+91 98220 1{n}1","Sahyadri Builders Pvt Ltd","Pune","lead"`,
  `"102","Sneha","Kulkarni","sneha.k.{u}@yahoo.co.in","","98220 2{n}2","","Nashik","subscriber"`,
  `"103","Amit","Joshi","not-an-email","","+91 98220 3{n}3","Apex Realty","Mumbai","lead"`,
  `"104","Nobody","Reachable","","","","Ghost Corp","Delhi","lead"`,
  `"105","RAHUL","PATIL","Rahul.Patil.{u}+csv@GMAIL.com","","","","","customer"`,
  `"106","=HYPERLINK(""http://evil.example"",""click"")","Shah","","","12345","","Surat","lead"`,
  `"107","Priya","Nair","priya.nair.{u}@outlook.com","","","Kaveri Foods LLP","Kochi","lead"`,
].join("\r\n");

describe("CSV import over the API", () => {
  let stack: Stack;
  let dataDir: string;
  let seq = 0;
  const file = (text: string, n = ++seq) =>
    text.replaceAll("{u}", `${Date.now().toString(36)}${n}`).replaceAll("{n}", String(100 + (n % 900)).padStart(3, "0"));
  const upload = (csv: string, fields: Record<string, string> = {}, name = "contacts.csv") => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append("file", new Blob([csv]), name);
    return fetch(`${stack.baseUrl}/api/imports`, { method: "POST", headers: { authorization: `Bearer ${stack.adminToken}` }, body: form });
  };
  const finished = (id: string) =>
    expectEventually(async () => {
      const imp = await (await stack.api(`/imports/${id}`)).json();
      expect(["done", "failed"]).toContain(imp.status);
      return imp;
    }, 30_000);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "leadhub-imports-"));
    stack = await startStack({ env: { LEADHUB_DATA_DIR: dataDir } });
    await stack.startWorker();
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("when a HubSpot export is uploaded with start=true, then it runs with the proposed mapping and reports what it did with every row", async () => {
    const res = await upload(file(HUBSPOT), { start: "true", defaults: JSON.stringify({ campaign: "expo-2026" }) });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ status: "queued", encoding: "utf-8", delimiter: "," });
    expect(created.proposed_mapping).toMatchObject({ "First Name": "first_name", Email: "email", "Company Name": "company" });
    expect(created.preview).toHaveLength(7);

    const imp = await finished(created.id);
    expect(imp).toMatchObject({ status: "done", total_rows: 7, processed_rows: 7, imported: 4, merged: 1, rejected: 2, total_exact: true });

    const all = await (await stack.api(`/leads?filter=${encodeURIComponent(JSON.stringify({ import_id: created.id }))}`)).json();
    expect(all).toHaveLength(4);
    const rahul = all.find((l: { first_name: string }) => l.first_name === "Rahul");
    // The landline and the mobile are both kept; the later row of the same person merged into it.
    expect(rahul).toMatchObject({ phone_e164: "+912025531234", company: "Sahyadri Builders Pvt Ltd", campaign: "expo-2026" });
    expect(rahul.alt_phone).toMatch(/^\+9198220/);
    expect(rahul.custom_fields).toMatchObject({ lifecycle_stage: "lead" });
    // An invalid email beside a valid phone: imported without the email, with a note.
    const amit = all.find((l: { first_name: string }) => l.first_name === "Amit");
    expect(amit).toMatchObject({ email: null, validation_status: "partial" });
    expect(JSON.stringify(amit.validation_notes)).toContain("not-an-email");

    const errors = await stack.api(`/imports/${created.id}/errors.csv`);
    expect(errors.headers.get("content-type")).toContain("text/csv");
    const rows: string[][] = parse(await errors.text());
    expect(rows[0].slice(-2)).toEqual(["Row", "Error"]);
    expect(rows.slice(1).map((r) => r.at(-2))).toEqual(["4", "6"]);
    expect(rows[1].at(-1)).toContain("no valid email or phone");
    // A formula in a cell is text in every export: a spreadsheet must not run it.
    expect(rows[2][1].startsWith("'=HYPERLINK")).toBe(true);
  });

  it("when a file is staged, then the preview and proposed mapping come back and it starts with an edited mapping", async () => {
    const csv = file(
      "Full Name;E-mail Address;Mobile No.;Organisation;Remarks\nVenkatesh Iyer;venky.{u}@gmail.com;98450 11{n};Trident Steel;call after 6\nAnjali Verma;anjali.{u}@gmail.com;;;\n",
    );
    const staged = await (await upload(csv)).json();
    expect(staged).toMatchObject({
      status: "staged",
      delimiter: ";",
      headers: ["Full Name", "E-mail Address", "Mobile No.", "Organisation", "Remarks"],
    });
    expect(staged.proposed_mapping).toMatchObject({
      "Full Name": "name",
      "E-mail Address": "email",
      "Mobile No.": "phone",
      Organisation: "company",
    });
    const bad = await stack.api(`/imports/${staged.id}/start`, { method: "POST", json: { mapping: { "No Such Column": "email" } } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.code).toBe("import_invalid_mapping");
    const started = await stack.api(`/imports/${staged.id}/start`, {
      method: "POST",
      json: { mapping: { ...staged.proposed_mapping, Remarks: "custom_fields.remarks" } },
    });
    expect(started.status).toBe(200);
    const imp = await finished(staged.id);
    expect(imp).toMatchObject({ imported: 2, rejected: 0 });
    const leads = await (await stack.api(`/leads?filter=${encodeURIComponent(JSON.stringify({ import_id: staged.id }))}`)).json();
    const venky = leads.find((l: { first_name: string }) => l.first_name === "Venkatesh");
    expect(venky).toMatchObject({ last_name: "Iyer", company: "Trident Steel", custom_fields: { remarks: "call after 6" } });
    expect((await stack.api(`/imports/${staged.id}/start`, { method: "POST", json: {} })).status).toBe(409);
  });

  it("when the same people are imported again, then nothing new is created: every row merges into its lead", async () => {
    const csv = file(HUBSPOT);
    const first = await finished((await (await upload(csv, { start: "true" })).json()).id);
    const again = await finished((await (await upload(csv, { start: "true" })).json()).id);
    expect(again).toMatchObject({ imported: 0, merged: first.imported + first.merged, rejected: 2 });
  });

  it("when the upload is not a usable file, then a clear 4xx says why", async () => {
    expect((await upload("")).status).toBe(422);
    const none = await fetch(`${stack.baseUrl}/api/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.adminToken}` },
      body: new FormData(),
    });
    expect(none.status).toBe(400);
    expect((await none.json()).error.code).toBe("import_file_missing");
    const notJson = await upload("a,b\n1,2\n", { mapping: "{oops" });
    expect(notJson.status).toBe(422);
    expect((await notJson.json()).error.code).toBe("import_invalid_mapping");
  });

  it("when leads are exported, then the filtered list streams as CSV with formulas neutralised", async () => {
    const imp = await finished((await (await upload(file(HUBSPOT), { start: "true" })).json()).id);
    const res = await stack.api(`/leads/export.csv?filter=${encodeURIComponent(JSON.stringify({ import_id: imp.id }))}`);
    expect(res.status).toBe(200);
    const rows: Record<string, string>[] = parse(await res.text(), { columns: true });
    expect(rows).toHaveLength(imp.imported);
    expect(rows.every((r) => r.import_id === imp.id)).toBe(true);
    // Rahul is the earlier imports' person (same name, company and line): row 101 merges into his lead, which keeps its
    // email, so row 105 (that email with a +tag) merges too instead of becoming a second Rahul (docs/dedup.md, Outcomes).
    expect(rows.map((r) => r.first_name).sort()).toEqual(["Amit", "Priya", "Sneha"]);
  });
});
