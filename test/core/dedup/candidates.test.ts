import { describe, expect, it } from "vitest";
import { storedLeadKeys, type CandidateRow } from "../../../core/dedup/candidates.ts";
import { matchKeys } from "../../../core/dedup/keys.ts";

const row = (over: Partial<CandidateRow> = {}): CandidateRow => ({
  id: "7d1f2c1e-0000-4000-8000-000000000001",
  lead_number: "LEAD-1",
  first_name: "Rahul",
  last_name: "Patil",
  email: "rahul.patil@gmial.com",
  email_canonical: "rahulpatil@gmail.com",
  phone_e164: "+919812345678",
  alt_phone: null,
  company: "Acme Infra Pvt Ltd",
  gstin: null,
  pan: null,
  city: "Pune",
  country: "IN",
  status: "new",
  owner_id: null,
  last_activity_at: null,
  created_at: new Date("2026-12-01T10:00:00Z"),
  phone_shared_by: 1,
  email_shared_by: 1,
  additional_emails: [],
  additional_email_keys: [],
  additional_phones: [],
  ...over,
});

describe("a stored lead's keys, remembered across batches", () => {
  it("when the same lead is found again, then its keys are the ones computed the first time, and nobody can change them", () => {
    const first = storedLeadKeys(row(), "IN");
    expect(first).toEqual(matchKeys(row(), { region: "IN" }));
    expect(storedLeadKeys(row(), "IN")).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.phoneKeys) && Object.isFrozen(first.nameTokens)).toBe(true);
  });

  it("when a key field of the lead changed (a merge took a new email or phone), then its keys are computed again", () => {
    const id = "7d1f2c1e-0000-4000-8000-000000000002";
    storedLeadKeys(row({ id }), "IN");
    const moved = storedLeadKeys(row({ id, email: "rahul@acmeinfra.in", email_canonical: "rahul@acmeinfra.in" }), "IN");
    expect(moved.emailKey).toBe("rahul@acmeinfra.in");
    const phones = storedLeadKeys(row({ id, additional_phones: ["+919900011122"] }), "IN");
    expect(phones.phoneKeys).toEqual(["+919812345678", "+919900011122"]);
    expect(storedLeadKeys(row({ id }), "US").phoneKeys).toEqual(matchKeys(row({ id }), { region: "US" }).phoneKeys);
  });

  it("when the caller changes the row object it passed, then the remembered keys are not taken for the changed values", () => {
    const id = "7d1f2c1e-0000-4000-8000-000000000003";
    const r = row({ id, additional_phones: ["+919900011122"] });
    storedLeadKeys(r, "IN");
    r.company = "Globex Systems";
    r.additional_phones.push("+919900033344");
    const again = storedLeadKeys(r, "IN");
    expect(again.companyKey).toBe(matchKeys(r, { region: "IN" }).companyKey);
    expect(again.phoneKeys).toContain("+919900033344");
  });
});
