import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideBatch } from "../../../core/dedup/batch.ts";
import { planFields } from "../../../core/dedup/fields.ts";
import { matchKeys, scoreCandidates, type LeadLike } from "../../../core/dedup/index.ts";
import { handleIntake } from "../../../jobs/intake/intake.job.ts";
import { createJobContext } from "../../../worker/job-context.ts";
import { startStack, type Stack } from "../../support/stack.ts";

const lead = {
  first_name: "Farhan",
  last_name: "Sheikh",
  email: "farhan.sheikh@gmail.com",
  phone_e164: "+919820011223",
  alt_phone: null,
  additional_emails: [] as string[],
  additional_phones: [] as string[],
};

describe("merges keep every contact point (planFields)", () => {
  it("when the newcomer brings an email and a phone the lead lacks, then both become additional, not only 'not taken'", () => {
    const plan = planFields({ ...lead, alt_phone: "+919820000001" }, { email: "farhan@sheikhtraders.in", phone_e164: "+919833344455" });
    expect(plan.taken).toMatchObject({ additional_emails: ["farhan@sheikhtraders.in"], additional_phones: ["+919833344455"] });
    expect(plan.before).toMatchObject({ additional_emails: [], additional_phones: [] });
    expect(plan.notTaken).not.toHaveProperty("email");
    expect(plan.notTaken).not.toHaveProperty("phone_e164");
  });
  it("when what it brings is the lead's own, written another way, or already additional, then nothing is added", () => {
    const known = {
      ...lead,
      alt_phone: "+919820000001",
      additional_emails: ["farhan@sheikhtraders.in"],
      additional_phones: ["+919833344455"],
    };
    for (const other of [
      { email: "Farhan.Sheikh+ads@gmail.com" },
      { email: "FARHAN@sheikhtraders.in" },
      { phone_e164: "+919833344455" },
      { phone_e164: "+919820011223" },
    ]) {
      const plan = planFields(known, other);
      expect(plan.taken, JSON.stringify(other)).not.toHaveProperty("additional_emails");
      expect(plan.taken, JSON.stringify(other)).not.toHaveProperty("additional_phones");
    }
  });
  it("when the second phone can be the alt phone, then it is that, as before", () => {
    const plan = planFields(lead, { phone_e164: "+919833344455" });
    expect(plan.taken).toEqual({ alt_phone: "+919833344455" });
  });
});

describe("an additional email or phone is matched as the lead's own", () => {
  const existing = { ...lead, additional_emails: ["farhan@sheikhtraders.in"], additional_phones: ["+919833344455"] };
  it("when a newcomer writes from a kept email, then it merges, and the reason says it is one given before", () => {
    const [r] = scoreCandidates(matchKeys({ name: "Farhan Sheikh", email: "farhan@sheikhtraders.in" }), [
      { ...matchKeys(existing), id: "a" },
    ]);
    expect(r.decision).toBe("merge");
    expect(r.reasons).toContain("same email (one it gave before)");
  });
  it("when a newcomer calls from a kept phone, then it merges", () => {
    const [r] = scoreCandidates(matchKeys({ name: "Farhan Sheikh", phone: "098333 44455" }), [{ ...matchKeys(existing), id: "a" }]);
    expect(r.decision).toBe("merge");
  });
  it("when an import row carries a kept email, then the batch merges it into the lead", () => {
    const row: LeadLike = { first_name: "Farhan", last_name: "Sheikh", email: "farhan@sheikhtraders.in" };
    const d = decideBatch([{ fields: { ...row }, keys: matchKeys(row) }], [{ id: "a", ...existing }], { region: "IN", newId: () => "n" });
    expect(d.actions[0]).toMatchObject({ kind: "merge", intoId: "a" });
  });
  it("when an import row brings a new email, then the lead's update keeps it as additional", () => {
    const row: LeadLike = { first_name: "Farhan", last_name: "Sheikh", phone: "+919820011223", email: "f.sheikh@outlook.com" };
    const d = decideBatch([{ fields: { ...row }, keys: matchKeys(row) }], [{ id: "a", ...lead }], { region: "IN", newId: () => "n" });
    expect(d.actions[0]).toMatchObject({ kind: "merge", intoId: "a" });
    expect(d.updates.get("a")!.after.additional_emails).toEqual(["f.sheikh@outlook.com"]);
  });
});

describe("intake keeps and finds additional contact points (database)", () => {
  let stack: Stack;
  const n = Date.now() % 1e6;
  const run = async (body: object) => {
    const { id } = await (await stack.postLead(body)).json();
    return handleIntake(createJobContext(stack.services), { tenantId: stack.tenantId, eventId: id });
  };
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it("when a returning person brings a new email, then the lead keeps it, shows it, and a later mail from it alone merges", async () => {
    const phone = `+9198${String(n).padStart(6, "0")}11`;
    const first = await run({ name: "Asha Rao", email: `asha.rao.${n}@gmail.com`, phone });
    expect(first.outcome).toBe("created");
    const again = await run({ name: "Asha Rao", email: `asha@raodesigns${n}.in`, phone: `0${phone.slice(3)}` });
    expect(again).toMatchObject({ outcome: "merged", leadId: first.leadId });
    const shown = await (await stack.api(`/leads/${first.leadId}`)).json();
    expect(shown).toMatchObject({ email: `asha.rao.${n}@gmail.com`, additional_emails: [`asha@raodesigns${n}.in`], additional_phones: [] });
    const third = await run({ name: "Asha Rao", email: `Asha@RaoDesigns${n}.in`, city: "Bengaluru" });
    expect(third).toMatchObject({ outcome: "merged", leadId: first.leadId });
    const fourth = await run({ name: "Asha Rao", phone: `+9198${String(n).padStart(6, "0")}22`, email: `asha@raodesigns${n}.in` });
    expect(fourth).toMatchObject({ outcome: "merged", leadId: first.leadId });
    const row = await stack.services.db("leads").where("id", first.leadId).first("additional_phones", "additional_email_keys", "alt_phone");
    expect(row).toMatchObject({ alt_phone: `+9198${String(n).padStart(6, "0")}22`, additional_email_keys: [`asha@raodesigns${n}.in`] });
    const byPhone = await run({ name: "Asha Rao", phone: `+9198${String(n).padStart(6, "0")}33`, email: `asha.rao.${n}@gmail.com` });
    expect(byPhone).toMatchObject({ outcome: "merged", leadId: first.leadId });
    const kept = await run({ name: "Asha Rao", phone: `+9198${String(n).padStart(6, "0")}33` });
    expect(kept).toMatchObject({ outcome: "merged", leadId: first.leadId });
    const last = await stack.services.db("leads").where("id", first.leadId).first("additional_phones");
    expect(last.additional_phones).toEqual([`+9198${String(n).padStart(6, "0")}33`]);
  });
});
