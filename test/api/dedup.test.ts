import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEventually, startStack, type Stack } from "../support/stack.ts";
import { handleIntake } from "../../jobs/intake/intake.job.ts";
import { createJobContext } from "../../worker/job-context.ts";

describe("duplicate reviews, merges and rules over the API", () => {
  let stack: Stack;
  let seq = 0;
  const uniq = () => `${Date.now().toString(36)}${++seq}`;
  const mobile = () => `97${String(Date.now() % 1e6).padStart(6, "0")}${String(++seq % 100).padStart(2, "0")}`;
  const run = async (lead: object) => {
    const { id } = await (await stack.postLead(lead)).json();
    return handleIntake(createJobContext(stack.services), { tenantId: stack.tenantId, eventId: id });
  };
  /** Two family members on one phone: the second opens a review against the first. */
  const families = ["Jadhav", "Gaikwad", "Bhosale", "Salunkhe", "Deshmukh", "Kulkarni", "Apte"];
  const familyPair = async () => {
    const phone = mobile();
    const family = families[seq % families.length];
    const a = await run({ name: `Suresh ${family}`, phone, city: "Pune", job_title: "Owner" });
    const b = await run({ name: `Mahesh ${family}`, phone, email: `mahesh.${uniq()}@gmail.com`, company: `${family} Realty` });
    const [review] = await (
      await stack.api(`/duplicate_reviews?filter=${encodeURIComponent(JSON.stringify({ lead_id: b.leadId }))}`)
    ).json();
    return { a: a.leadId!, b: b.leadId!, review };
  };

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it("when an unsure match is listed, then the review has the two leads, score, reasons and a field-by-field comparison", async () => {
    const { a, b, review } = await familyPair();
    expect(review).toMatchObject({ lead_id: b, candidate_lead_id: a, status: "open" });
    expect(review.reasons).toContain("same phone");
    const cmp = await (await stack.api(`/duplicate_reviews/${review.id}/comparison`)).json();
    expect(cmp.lead.id).toBe(b);
    expect(cmp.candidate.id).toBe(a);
    const first = cmp.fields.find((f: { field: string }) => f.field === "first_name");
    expect(first).toEqual({ field: "first_name", lead: "Mahesh", candidate: "Suresh", differs: true });
    expect(cmp.fields.find((f: { field: string }) => f.field === "last_name").differs).toBe(false);
  });

  it("when a reviewer merges picking fields, then the older lead survives with the picked values and the other is gone from lists", async () => {
    const { a, b, review } = await familyPair();
    const res = await stack.api(`/duplicate_reviews/${review.id}/merge`, { method: "POST", json: { fields: { first_name: "lead" } } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ lead_id: a, merged_lead_id: b });
    const survivor = await (await stack.api(`/leads/${a}`)).json();
    // Picked from the newer lead; empty fields filled from it; its own values kept otherwise.
    expect(survivor).toMatchObject({ first_name: "Mahesh", company: expect.stringMatching(/Realty$/), job_title: "Owner", city: "Pune" });
    expect((await stack.api(`/leads/${b}`)).status).toBe(404);
    expect((await (await stack.api(`/duplicate_reviews/${review.id}`)).json()).status).toBe("merged");
    const timeline = await (await stack.api(`/leads/${a}/timeline`)).json();
    expect(timeline.some((e: { action: string }) => e.action === "lead.merged")).toBe(true);
    // The merged lead's submission followed it.
    expect(timeline.filter((e: { kind: string }) => e.kind === "submission")).toHaveLength(2);
    expect((await stack.api(`/duplicate_reviews/${review.id}/merge`, { method: "POST", json: {} })).status).toBe(409);
  });

  it("when the last merge is undone, then both leads are back as they were and the pair is not proposed again", async () => {
    const { a, b, review } = await familyPair();
    await stack.api(`/duplicate_reviews/${review.id}/merge`, { method: "POST", json: {} });
    const history = await (await stack.api(`/leads/${a}/merges`)).json();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: "lead", merged_lead_id: b, undone_at: null });
    const undo = await stack.api(`/leads/${a}/merges/undo`, { method: "POST" });
    expect(undo.status).toBe(200);
    expect(await undo.json()).toMatchObject({ split_lead_id: b });
    expect(await (await stack.api(`/leads/${a}`)).json()).toMatchObject({ first_name: "Suresh", company: null });
    expect(await (await stack.api(`/leads/${b}`)).json()).toMatchObject({
      first_name: "Mahesh",
      company: expect.stringMatching(/Realty$/),
    });
    expect((await (await stack.api(`/leads/${b}/timeline`)).json()).filter((e: { kind: string }) => e.kind === "submission")).toHaveLength(
      1,
    );
    expect((await (await stack.api(`/leads/${a}/merges`)).json())[0].undone_at).not.toBeNull();
    const nothingLeft = await stack.api(`/leads/${a}/merges/undo`, { method: "POST" });
    expect(nothingLeft.status).toBe(404);
  });

  it("when a reviewer says not a duplicate, then the review closes, the flag clears, and a scan does not reopen it", async () => {
    const { b, review } = await familyPair();
    const res = await stack.api(`/duplicate_reviews/${review.id}/dismiss`, { method: "POST" });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe("dismissed");
    expect(await (await stack.api(`/leads/${b}`)).json()).toMatchObject({ is_duplicate: false, duplicate_of_id: null });

    await stack.startWorker();
    const started = await stack.api("/dedup_scans", { method: "POST", json: { auto_merge: false } });
    expect(started.status).toBe(201);
    const scan = await started.json();
    const done = await expectEventually(async () => {
      const s = await (await stack.api(`/dedup_scans/${scan.id}`)).json();
      expect(s.status).toBe("done");
      return s;
    }, 20_000);
    expect(done.processed).toBe(done.total);
    const again = await (await stack.api(`/duplicate_reviews?filter=${encodeURIComponent(JSON.stringify({ lead_id: b }))}`)).json();
    expect(again.map((r: { status: string }) => r.status)).toEqual(["dismissed"]);
  });

  it("when the matching rules are read and changed, then defaults come back, bad rules get 422, and only an admin may change them", async () => {
    const got = await (await stack.api("/dedup/rules")).json();
    expect(got.rules).toMatchObject({ autoMergeAt: 0.9, reviewAt: 0.6, weights: { email: 0.7, phone: 0.6 } });
    const bad = await stack.api("/dedup/rules", { method: "PUT", json: { autoMergeAt: 0.5, reviewAt: 0.8 } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.code).toBe("dedup_invalid_rules");
    const ok = await stack.api("/dedup/rules", { method: "PUT", json: { autoMergeAt: 0.95, keys: { city: false } } });
    expect(ok.status).toBe(200);
    expect((await (await stack.api("/dedup/rules")).json()).rules).toMatchObject({ autoMergeAt: 0.95, keys: { city: false, email: true } });
    await stack.api("/dedup/rules", { method: "PUT", json: {} });

    const email = `mgr-${uniq()}@example.com`;
    await stack.api("/users", { method: "POST", json: { email, name: "Mira Manager", password: "manager-pass-1", role: "manager" } });
    const { token } = await (
      await fetch(`${stack.baseUrl}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "manager-pass-1" }),
      })
    ).json();
    expect((await stack.api("/dedup/rules", { token, method: "PUT", json: {} })).status).toBe(403);
  });

  it("when a scan runs over leads typed in by hand (which skip intake), then it merges the sure ones into the oldest and reports progress", async () => {
    const email = `legacy.${uniq()}@gmail.com`;
    const rows: { id: string }[] = [];
    for (const lead of [
      { first_name: "Gaurav", last_name: "Saxena", email },
      { first_name: "GAURAV", last_name: "SAXENA", email: email.replace("legacy.", "Legacy") },
      { first_name: "Gaurav", last_name: "Saxena", email, city: "Noida" },
    ])
      rows.push(await (await stack.api("/leads", { method: "POST", json: lead })).json());
    await stack.startWorker();
    const scan = await (await stack.api("/dedup_scans", { method: "POST", json: {} })).json();
    const done = await expectEventually(async () => {
      const s = await (await stack.api(`/dedup_scans/${scan.id}`)).json();
      expect(s.status).toBe("done");
      return s;
    }, 20_000);
    expect(done.merged).toBeGreaterThanOrEqual(2);
    const live = await stack.services
      .db("leads")
      .whereIn(
        "id",
        rows.map((r) => r.id),
      )
      .whereNull("deleted_at");
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ id: rows[0].id, city: "Noida" });
  });
});
