import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { json, tag, writes } from "../support/json-api.ts";
import { startStack, type Stack } from "../support/stack.ts";
import { runImport } from "../../jobs/imports/run-import.job.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { up as oneImportSource } from "../../migrations/20261122000024_import_source.ts";

/** Imported leads take the path every new lead takes: scored, assigned, converted and enrolled by the tenant's rules. */
describe("an import routes its new leads like any other lead", () => {
  let stack: Stack;
  let dataDir: string;
  let reps: string[];
  let sequenceId: string;
  let team: string;
  const { post } = writes(() => stack);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "leadhub-imports-"));
    stack = await startStack({ env: { LEADHUB_DATA_DIR: dataDir } });
    team = (await post("/teams", { name: `Pune ${tag()}` })).id;
    reps = [];
    for (const name of ["Asha", "Bilal"]) {
      const email = `${name.toLowerCase()}-${tag()}@acme.test`;
      reps.push((await post("/users", { email, name, password: "rep-password-1", role: "rep", team_id: team })).id);
    }
    await post("/scoring_rules", { name: "Pune", condition: { all: [{ field: "city", op: "eq", value: "Pune" }] }, points: 30 });
    await post("/assignment_rules", {
      name: "Everyone",
      priority: 10,
      condition: { all: [{ field: "email", op: "not_empty" }] },
      target_team_id: team,
      strategy: "round_robin",
      sla_minutes: 60,
    });
    await post("/conversion_rules", { name: "Big budget", condition: { all: [{ field: "budget", op: "gte", value: 5_000_000 }] } });
    sequenceId = (
      await post("/sequences", {
        name: `Nashik ${tag()}`,
        enrol_rule: { trigger: "created", condition: { all: [{ field: "city", op: "eq", value: "Nashik" }] } },
        steps: [{ type: "email", subject: "Welcome", body_text: "Hello {{ lead.first_name }}" }],
      })
    ).id;
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Stages a file over the API and runs the import as the worker would. */
  async function importFile(csv: string, defaults?: Record<string, unknown>) {
    const form = new FormData();
    if (defaults) form.append("defaults", JSON.stringify(defaults));
    form.append("file", new Blob([csv]), "expo.csv");
    const res = await fetch(`${stack.baseUrl}/api/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.adminToken}` },
      body: form,
    });
    const staged = await json(Promise.resolve(res), 201);
    await stack.services.db("imports").where("id", staged.id).update({ status: "queued" });
    const result = await runImport(createJobContext(stack.services), { tenantId: stack.tenantId, importId: staged.id });
    expect(result.outcome).toBe("done");
    const leads = await stack.services.db("leads").where("import_id", staged.id).orderBy("import_row");
    const ids = leads.map((l) => l.id);
    const history = await stack.services.db("score_history").whereIn("lead_id", ids);
    const timeline = await stack.services.db("activities").where("record_type", "lead").whereIn("record_id", ids);
    return { leads, history, timeline };
  }

  it("when rules are set, then imported leads are scored with a reason, assigned with an SLA, converted and enrolled by them", async () => {
    const t = tag();
    const { leads, history, timeline } = await importFile(
      [
        "email,first_name,city,budget",
        `asha.${t}@example.com,Asha,Pune,`,
        `bina.${t}@example.com,Bina,Pune,`,
        `chetan.${t}@example.com,Chetan,Nashik,`,
        `dev.${t}@example.com,Dev,Mumbai,9000000`,
      ].join("\n"),
    );
    expect(leads.map((l) => [l.first_name, l.lead_score, l.source])).toEqual([
      ["Asha", 30, "csv_import"],
      ["Bina", 30, "csv_import"],
      ["Chetan", 0, "csv_import"],
      ["Dev", 0, "csv_import"],
    ]);
    // Every lead has its score history row, with the reason and the rules that matched.
    expect(history).toHaveLength(4);
    expect(history.every((h) => h.reason === "rules")).toBe(true);
    expect(history.find((h) => h.lead_id === leads[0].id).details.rules.map((r: { name: string }) => r.name)).toEqual(["Pune"]);
    // Round robin over the team, each with a deadline and a timeline entry saying who and why.
    expect(leads.map((l) => l.owner_id)).toEqual([reps[0], reps[1], reps[0], reps[1]]);
    // The batch took its four turns in one go: the team's pointer is past them, so the next lead goes on from there.
    expect((await stack.services.db("teams").where("id", team).first()).rr_position).toBe(4);
    for (const l of leads) {
      // Conversion stops the clock of the lead it converts.
      if (l.status !== "converted") expect(l.sla_due_at).not.toBeNull();
      expect(l.assigned_at).not.toBeNull();
      const assigned = timeline.find((e) => e.record_id === l.id && e.action === "lead.assigned");
      expect(assigned.body).toMatch(/^Imported lead: rule "Everyone"/);
    }
    expect(timeline.filter((e) => e.action === "lead.scored")).toHaveLength(4);
    // The conversion rule that holds converts; the enrolment rule enrols.
    expect(leads[3].status).toBe("converted");
    expect(leads[3].converted_opportunity_id).toBeTruthy();
    expect(leads.slice(0, 3).every((l) => l.status === "new")).toBe(true);
    const enrolled = await stack.services.db("enrollments").where("sequence_id", sequenceId).pluck("lead_id");
    expect(enrolled).toEqual([leads[2].id]);
  });

  it("when the import names an owner, then its leads keep that owner and are still scored", async () => {
    const t = tag();
    const { leads, history, timeline } = await importFile(
      ["email,first_name,city", `esha.${t}@example.com,Esha,Pune`, `farhan.${t}@example.com,Farhan,Delhi`].join("\n"),
      { owner_id: reps[1] },
    );
    expect(leads.map((l) => l.owner_id)).toEqual([reps[1], reps[1]]);
    expect(leads.map((l) => l.lead_score)).toEqual([30, 0]);
    expect(history).toHaveLength(2);
    expect(timeline.filter((e) => e.action === "lead.assigned")).toHaveLength(0);
  });

  it("when leads carry the demo data's spelling of the import source, then the migration moves them to csv_import", async () => {
    const db = stack.services.db;
    const [lead] = await db("leads")
      .insert({ tenant_id: stack.tenantId, lead_number: `LEAD-OLD-${tag()}`, first_name: "Old", source: "csv-import" })
      .returning("id");
    await db.transaction((trx) => oneImportSource(trx));
    expect((await db("leads").where("id", lead.id).first()).source).toBe("csv_import");
    expect(await db("leads").where({ tenant_id: stack.tenantId, source: "csv-import" }).count("* as n")).toEqual([{ n: 0 }]);
  });
});
