import { describe, expect, it } from "vitest";
import { storedLeadKeys, type CandidateRow } from "../../../core/dedup/candidates.ts";
import { matchKeys, type LeadLike } from "../../../core/dedup/keys.ts";
import { decideArrivals } from "../../../core/dedup/match-batch.ts";

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

  it("when many other leads come and go, then a lead found again and again keeps its remembered keys", () => {
    const busy = row({ id: "7d1f2c1e-0000-4000-8000-000000000004" });
    const first = storedLeadKeys(busy, "IN");
    for (let i = 0; i < 25_000; i++) {
      storedLeadKeys(row({ id: `00000000-0000-4000-9000-${String(i).padStart(12, "0")}`, first_name: `Name${i}` }), "IN");
      if (i % 1000 === 0) expect(storedLeadKeys(busy, "IN")).toBe(first);
    }
    expect(storedLeadKeys(busy, "IN")).toBe(first);
  });

  it("when intake creates leads in a batch, then their keys found later as candidates are those of their stored columns", () => {
    const arrivals: (LeadLike & Record<string, unknown>)[] = [
      {
        first_name: "Sneha",
        last_name: "Kulkarni",
        email: "sneha.k@gmail.com",
        email_canonical: "snehak@gmail.com",
        phone: "98201 23456",
        phone_e164: "+919820123456",
        company: "Tata Motors Ltd",
        city: "Pune",
        country: "IN",
      },
      // The name only as one text: the stored row's first and last names are empty.
      {
        name: "Arjun Mehta",
        first_name: null,
        last_name: null,
        email: "arjun@infosys.com",
        email_canonical: "arjun@infosys.com",
        company: "Infosys",
      },
      // A number that is not a valid E.164 one: the stored row has no phone_e164.
      {
        first_name: "Kavya",
        last_name: "Iyer",
        phone: "022-555",
        phone_e164: null,
        email: "kavya.iyer@yahoo.co.in",
        email_canonical: "kavyaiyer@yahoo.co.in",
      },
    ];
    let n = 0;
    const created = decideArrivals(
      arrivals.map((fields) => ({ keys: matchKeys(fields, { region: "IN" }), fields, found: [] })),
      { region: "IN", now: new Date(), newLead: () => ({ id: `7d1f2c1e-0000-4000-8000-1000000000${n++}0`, leadNumber: `LEAD-${n}` }) },
    );
    created.forEach((d, i) => {
      if (d?.kind !== "create") throw new Error(`arrival ${i} was not created`);
      const f = arrivals[i];
      const stored = row({
        id: d.id,
        first_name: (f.first_name as string | null) ?? null,
        last_name: (f.last_name as string | null) ?? null,
        email: f.email ?? null,
        email_canonical: f.email_canonical ?? null,
        phone_e164: f.phone_e164 ?? null,
        company: f.company ?? null,
        city: f.city ?? null,
        country: f.country ?? null,
      });
      expect(storedLeadKeys(stored, "IN")).toEqual(matchKeys(stored, { region: "IN" }));
    });
  });
});
