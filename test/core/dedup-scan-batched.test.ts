import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Knex } from "knex";
import { startStack, type Stack } from "../support/stack.ts";
import { matchKeys, type LeadLike } from "../../core/dedup/keys.ts";
import { matchLead, tenantMatching } from "../../core/dedup/match.ts";
import { mergeLeads } from "../../core/dedup/merge.ts";
import { scanTenantDuplicates } from "../../core/dedup/scan.ts";
import { createJobContext } from "../../worker/job-context.ts";
import { dedupGenerator } from "../support/dedup-set.ts";
import { insertLeads, rowOf } from "../support/dedup-db.ts";

const PAIRS = 250;
const BACKGROUND = 800;

/**
 * The scan as it was before it was batched: one lead per transaction, intake's matchLead, oldest
 * first. The batched scan must come to the same merges and reviews.
 */
async function scanOneByOne(db: Knex, tenantId: string) {
  const { rules, region } = await tenantMatching(db, tenantId);
  const leads = await db("leads").where({ tenant_id: tenantId }).whereNull("deleted_at").orderBy(["created_at", "id"]);
  const older = (a: { created_at: Date; id: string }, b: { created_at: Date; id: string }) =>
    a.created_at.getTime() < b.created_at.getTime() || (a.created_at.getTime() === b.created_at.getTime() && a.id < b.id);
  for (const lead of leads) {
    await db.transaction(async (trx) => {
      if (!(await trx("leads").where("id", lead.id).whereNull("deleted_at").first("id"))) return;
      const keys = matchKeys(lead as LeadLike, { region });
      const opts = { rules, region, exclude: [lead.id], excludePairsOf: lead.id, selfStored: true };
      const matches = (await matchLead(trx, tenantId, keys, opts)).filter((m) => older(m.row, lead));
      const best = matches[0];
      if (!best) return;
      const now = new Date();
      if (best.decision === "merge") {
        await mergeLeads(trx, { tenantId, survivorId: best.id, mergedId: lead.id, score: best.score, reasons: best.reasons, region, now });
        return;
      }
      const rows = matches.slice(0, 3).map((m) => ({
        tenant_id: tenantId,
        lead_id: lead.id,
        candidate_lead_id: m.id,
        score: m.score,
        reasons: JSON.stringify(m.reasons),
        status: "open",
        origin: "scan",
      }));
      const inserted = await trx("duplicate_reviews").insert(rows).onConflict(["lead_id", "candidate_lead_id"]).ignore().returning("id");
      if (inserted.length) await trx("leads").where("id", lead.id).update({ is_duplicate: true, duplicate_of_id: best.id });
    });
  }
}

/** What a scan leaves, by lead number: who merged into whom, the reviews and the flags. */
async function outcome(db: Knex, tenantId: string) {
  const num = db.raw("(SELECT lead_number FROM leads x WHERE x.id = ??) AS ??", ["l.duplicate_of_id", "of"]);
  const leads = await db("leads as l").where("l.tenant_id", tenantId).select("l.lead_number", "l.deleted_at", "l.is_duplicate", num);
  const reviews = await db("duplicate_reviews as r")
    .join("leads as a", "a.id", "r.lead_id")
    .join("leads as b", "b.id", "r.candidate_lead_id")
    .where("r.tenant_id", tenantId)
    .select("a.lead_number as lead", "b.lead_number as candidate", "r.status", "r.score", "r.reasons");
  return {
    merged: leads
      .filter((l) => l.deleted_at)
      .map((l) => `${l.lead_number}→${l.of}`)
      .sort(),
    flagged: leads
      .filter((l) => !l.deleted_at && l.is_duplicate)
      .map((l) => `${l.lead_number}→${l.of}`)
      .sort(),
    reviews: reviews.map((r) => `${r.lead}~${r.candidate} ${r.status} ${r.score} ${JSON.stringify(r.reasons)}`).sort(),
  };
}

describe("the batched duplicate scan", () => {
  let stack: Stack;
  let other: string;
  let smallBatches: string;
  beforeAll(async () => {
    stack = await startStack();
    const { db } = stack.services;
    [{ id: other }, { id: smallBatches }] = await db("tenants")
      .insert([
        { name: "Scan twin", slug: `scan-twin-${Date.now()}` },
        { name: "Scan twin, small batches", slug: `scan-twin-small-${Date.now()}` },
      ])
      .returning("id");
    // The labelled pairs (similar names at one company, transliterations, nicknames, shared phones …) among look-alikes.
    const gen = dedupGenerator(777);
    const people: LeadLike[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const p = gen.pair();
      people.push(p.a, p.b);
    }
    for (let i = 0; i < BACKGROUND; i++) people.splice(Math.floor((i * 7919) % people.length), 0, gen.person());
    // The same leads in three tenants, created in the same order, so "older" means the same in each.
    for (const tenantId of [stack.tenantId, other, smallBatches]) {
      await insertLeads(
        db,
        people.map((p, n) => rowOf(p, tenantId, n)),
      );
      await db.raw(
        "UPDATE leads SET created_at = timestamptz '2026-01-01' + substr(lead_number, 7)::int * interval '1 second' WHERE tenant_id = ?",
        [tenantId],
      );
    }
    await db.raw("SELECT analyze_leads(NULL)");
  }, 120_000);
  afterAll(() => stack?.stop());

  it("when a tenant is scanned in batches, then it merges, flags and opens reviews exactly as the one-lead-at-a-time scan", async () => {
    const { db } = stack.services;
    const [scan] = await db("dedup_scans").insert({ tenant_id: stack.tenantId, auto_merge: true }).returning("id");
    const result = await scanTenantDuplicates(createJobContext(stack.services), { tenantId: stack.tenantId, scanId: scan.id });
    expect(result.outcome).toBe("done");
    await scanOneByOne(db, other);

    const [batched, oneByOne] = [await outcome(db, stack.tenantId), await outcome(db, other)];
    expect(batched.merged.length).toBeGreaterThan(20);
    expect(batched.reviews.length).toBeGreaterThan(20);
    expect(batched).toEqual(oneByOne);
    const done = await db("dedup_scans").where("id", scan.id).first();
    expect(done).toMatchObject({ status: "done", merged: batched.merged.length, reviews: batched.flagged.length });
  }, 300_000);

  it("when the batches are small (a batch boundary every 37 leads, each next batch looked up ahead), then the outcome is still that of one lead at a time", async () => {
    const { db } = stack.services;
    const [scan] = await db("dedup_scans").insert({ tenant_id: smallBatches, auto_merge: true }).returning("id");
    const ctx = createJobContext(stack.services);
    const result = await scanTenantDuplicates(ctx, { tenantId: smallBatches, scanId: scan.id }, { batchSize: 37 });
    expect(result.outcome).toBe("done");
    // The first test scanned the twin one lead at a time.
    expect(await outcome(db, smallBatches)).toEqual(await outcome(db, other));
  }, 300_000);

  it("when a batch merges a lead that the next batch, looked up meanwhile, found by its name at its company, then the next batch looks again and reviews only the survivor", async () => {
    const { db } = stack.services;
    const tenants = await db("tenants")
      .insert([
        { name: "Scan merge ahead", slug: `scan-merge-ahead-${Date.now()}` },
        { name: "Scan merge ahead, one by one", slug: `scan-merge-ahead-1-${Date.now()}` },
      ])
      .returning("id");
    const person = { first_name: "Rahul", last_name: "Sharma", company: "Acme Industries", city: "Pune", country: "IN" };
    const people: LeadLike[] = [
      { ...person, email: "rahul.sharma@acmeindustries.in", phone: "+91 98123 45678" },
      { ...person, email: "rahul.sharma@acmeindustries.in", phone: "9812345678" },
      // No email or phone of the two: found only by the company block, so its lookup waits for no lock of the first batch.
      { ...person, email: "r.sharma.personal@gmail.com", phone: "+91 99887 76655" },
    ];
    for (const { id } of tenants) {
      await insertLeads(
        db,
        people.map((p, n) => rowOf(p, id, n + 1)),
      );
      await db.raw(
        "UPDATE leads SET created_at = timestamptz '2026-01-01' + substr(lead_number, 7)::int * interval '1 second' WHERE tenant_id = ?",
        [id],
      );
    }
    const [batched, oneByOne] = tenants.map((t: { id: string }) => t.id);
    const [scan] = await db("dedup_scans").insert({ tenant_id: batched, auto_merge: true }).returning("id");
    // Connections open beforehand, so that the second batch's lookup does not wait for one while the first merges.
    await Promise.all([1, 2, 3, 4].map(() => db.raw("SELECT pg_sleep(0.05)")));
    await scanTenantDuplicates(createJobContext(stack.services), { tenantId: batched, scanId: scan.id }, { batchSize: 2 });
    await scanOneByOne(db, oneByOne);
    const [got, want] = [await outcome(db, batched), await outcome(db, oneByOne)];
    expect(want.merged).toHaveLength(1);
    expect(want.reviews).toHaveLength(1);
    expect(got).toEqual(want);
  }, 60_000);
});
