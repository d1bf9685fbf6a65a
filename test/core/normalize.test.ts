import { describe, expect, it } from "vitest";
import {
  canonicalEmail,
  checkContact,
  normalizeCompany,
  normalizeEmail,
  normalizePhone,
  readPhone,
  regionFor,
  tidyName,
} from "../../core/lead/normalize.ts";
import { parseBudget, toLeadFields } from "../../core/lead/record.ts";
import { decrypt, encrypt } from "../../core/crypto.ts";
import { prefixTsQuery } from "../../api/rest/list-query.ts";

describe("phones", () => {
  it.each([
    ["+91 98765 43210", "+919876543210"],
    ["098765 43210", "+919876543210"],
    ["(+91) 98765-43210", "+919876543210"],
    ["919876543210", "+919876543210"],
    ["0091 98765 43210", "+919876543210"],
    ["+91-9876543210", "+919876543210"],
    ["9876543210", "+919876543210"],
    ["+1 (415) 555-2671", "+14155552671"],
    ["+44 20 7946 0958", "+442079460958"],
  ])("when written as %s, then E.164 is %s", (raw, e164) => {
    expect(normalizePhone(raw, "IN")).toBe(e164);
  });

  it.each(["12345", "n/a", "", "0000000000", "+91 12345"])("when %j is no phone number, then null", (raw) => {
    expect(normalizePhone(raw, "IN")).toBeNull();
  });

  it("when a number has a possible length but is not in the allocation tables, then it is kept in E.164, unverified", () => {
    expect(readPhone("+91 55555 12345", "IN")).toEqual({ number: "+915555512345", verified: false });
    expect(readPhone("98765 43210", "IN")).toEqual({ number: "+919876543210", verified: true });
    expect(normalizePhone("+1 555 010 0000", "IN")).toBe("+15550100000");
    const c = checkContact({ phone: "+91 55555 12345" }, "IN");
    expect(c).toMatchObject({ phone: "+915555512345", problem: null });
    expect(c.notes.join()).toContain("unverified number");
  });

  it("when a country is given, then its numbers read in that region", () => {
    expect(normalizePhone("(415) 555-2671", regionFor("United States", "IN"))).toBe("+14155552671");
    expect(regionFor("ae", "IN")).toBe("AE");
    expect(regionFor("Atlantis", "IN")).toBe("IN");
  });
});

describe("emails", () => {
  it("when an address has case, spaces or mailto:, then it is trimmed and lower-cased", () => {
    expect(normalizeEmail("  Rahul.Patil@Example.CO.IN ")).toBe("rahul.patil@example.co.in");
    expect(normalizeEmail("mailto:a@b.com")).toBe("a@b.com");
  });
  it.each(["plainaddress", "a@b", "@example.com", "a@@b.com", "a b@c.com"])("when %j is no address, then null", (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });
  it("when Gmail dots or +tags are used, then the canonical form drops them", () => {
    expect(canonicalEmail("r.a.h.u.l+ads@googlemail.com")).toBe("rahul@gmail.com");
    expect(canonicalEmail("sales+diwali@acme.in")).toBe("sales@acme.in");
    expect(canonicalEmail("first.last@acme.in")).toBe("first.last@acme.in");
  });
});

describe("names and companies", () => {
  it("when a name is all caps or all lower, then it is tidied; mixed case is kept", () => {
    expect(tidyName("  RAHUL   PATIL ")).toBe("Rahul Patil");
    expect(tidyName("priya d'souza")).toBe("Priya D'Souza");
    expect(tidyName("McDonald")).toBe("McDonald");
    expect(tidyName("राहुल पाटील")).toBe("राहुल पाटील");
  });
  it("when a company has a legal suffix, then matching ignores it", () => {
    expect(normalizeCompany("Patil Constructions Pvt. Ltd.")).toBe("patil constructions");
    expect(normalizeCompany("PATIL CONSTRUCTIONS PRIVATE LIMITED")).toBe("patil constructions");
    expect(normalizeCompany("Acme L.L.P.")).toBe("acme");
  });
});

describe("lead fields", () => {
  it("when a full name comes alone, then it is split into first and last", () => {
    const { fields, valid } = toLeadFields({ name: "Venkatesh Subramanian Iyer", email: "v@example.com" }, "IN");
    expect(valid).toBe(true);
    expect([fields.first_name, fields.last_name]).toEqual(["Venkatesh Subramanian", "Iyer"]);
  });
  it.each([
    ["5,00,000", 500000],
    ["₹5 lakh", 500000],
    ["2.5 cr", 25000000],
    ["10k", 10000],
    [1200, 1200],
    ["about five", null],
  ])("when the budget is %j, then it is %j", (raw, n) => {
    expect(parseBudget(raw as string)).toBe(n);
  });
  it("when nothing can reach the person, then the problem is named", () => {
    expect(checkContact({ name: "X" }, "IN").problem?.code).toBe("no_contact");
    expect(checkContact({ email: "bad" }, "IN").problem?.code).toBe("invalid_email");
    expect(checkContact({ phone: "123" }, "IN").problem?.code).toBe("invalid_phone");
    expect(checkContact({ phone: "123", email: "ok@example.com" }, "IN").problem).toBeNull();
  });
  it("when a bad email comes beside a phone, then it is dropped with a note, unless the caller refuses it", () => {
    const kept = checkContact({ email: "asha@gmail", phone: "+91 98765 43210" }, "IN");
    expect(kept).toMatchObject({ email: null, phone: "+919876543210", droppedEmail: "asha@gmail", problem: null });
    expect(kept.notes.join()).toContain('email "asha@gmail" is not a valid address and was dropped');
    expect(checkContact({ email: "asha@gmail", phone: "+91 98765 43210" }, "IN", { badEmail: "refuse" }).problem?.code).toBe(
      "invalid_email",
    );
    expect(checkContact({ email: "asha@gmail", phone: "123" }, "IN").problem?.code).toBe("invalid_email");
    expect(toLeadFields({ email: "asha@gmail", phone: "+91 98765 43210" }, "IN")).toMatchObject({
      valid: true,
      droppedEmail: "asha@gmail",
    });
  });
});

describe("secrets and search", () => {
  it("when a secret is sealed, then only the same key opens it", () => {
    const key = Buffer.alloc(32, 7);
    const sealed = encrypt(key, "whsec_abc");
    expect(sealed).not.toContain("whsec");
    expect(decrypt(key, sealed)).toBe("whsec_abc");
    expect(() => decrypt(Buffer.alloc(32, 8), sealed)).toThrow();
  });
  it("when a search box holds quotes and operators, then the tsquery stays safe", () => {
    expect(prefixTsQuery("rahul pat")).toBe("'rahul':* & 'pat':*");
    expect(prefixTsQuery("o'brien & | ! ( )")).toBe("'o':* & 'brien':*");
    expect(prefixTsQuery("!!!")).toBeNull();
  });
});
