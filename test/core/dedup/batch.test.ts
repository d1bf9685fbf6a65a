import { describe, expect, it } from "vitest";
import { decideBatch } from "../../../core/dedup/batch.ts";
import { matchKeys, type LeadLike } from "../../../core/dedup/keys.ts";

const item = (lead: LeadLike & Record<string, unknown>) => ({
  fields: { ...lead, phone_e164: matchKeys(lead).phoneKeys[0] ?? null },
  keys: matchKeys(lead),
});
let n = 0;
const opts = { region: "IN", newId: () => `new-${++n}` };

describe("dedup of an import batch", () => {
  it("when one person appears three times in a batch, then one lead is created and the later rows fill it", () => {
    const d = decideBatch(
      [
        item({ first_name: "Rahul", last_name: "Patil", email: "rahul.patil@gmail.com" }),
        item({ first_name: "Rahul", last_name: "Patil", email: "RahulPatil+x@gmail.com", city: "Pune" }),
        item({ name: "Patil Rahul", email: "rahul.patil@gmial.com", company: "Apex Realty" }),
      ],
      [],
      opts,
    );
    expect(d.creates.size).toBe(1);
    expect(d.actions.map((a) => a.kind)).toEqual(["create", "merge", "merge"]);
    expect([...d.creates.values()][0]).toMatchObject({ first_name: "Rahul", city: "Pune", company: "Apex Realty" });
  });

  it("when a row matches an existing lead by phone, then it merges into it and the update keeps the lead's own values", () => {
    const existing = { id: "old-1", first_name: "Sneha", last_name: "Joshi", phone_e164: "+919822012345", email: null, city: "Nashik" };
    const d = decideBatch(
      [item({ name: "Sneha Joshi", phone: "098220 12345", email: "sneha.j@yahoo.co.in", city: "Pune" })],
      [existing],
      opts,
    );
    expect(d.actions[0]).toMatchObject({ kind: "merge", intoId: "old-1", intoNew: false });
    const update = d.updates.get("old-1")!;
    expect(update.before.email).toBeNull();
    expect(update.after).toMatchObject({ email: "sneha.j@yahoo.co.in", city: "Nashik" });
  });

  it("when a relative shares an existing lead's phone, then a new lead is created with a review, not merged", () => {
    const existing = { id: "old-2", first_name: "Ramesh", last_name: "Kulkarni", phone_e164: "+919822099999" };
    const d = decideBatch([item({ name: "Rajesh Kulkarni", phone: "+91 98220 99999" })], [existing], opts);
    expect(d.actions[0].kind).toBe("create");
    expect(d.actions[0].kind === "create" && d.actions[0].reviews[0]).toMatchObject({ candidateId: "old-2" });
  });

  it("when two rows only share a common name, then they are two leads", () => {
    const d = decideBatch(
      [item({ name: "Rahul Sharma", email: "rs1@gmail.com" }), item({ name: "Rahul Sharma", email: "rahul.s@outlook.com" })],
      [],
      opts,
    );
    expect(d.creates.size).toBe(2);
  });
});
