import { describe, expect, it } from "vitest";
import {
  companyKey,
  emailKey,
  emailLocal,
  fixEmailDomain,
  gstinCheckChar,
  lockKeys,
  matchKeys,
  nameKey,
  phoneKeys,
  taxKey,
} from "../../../core/dedup/keys.ts";

describe("emailKey", () => {
  it.each([
    ["Rahul.Patil@GMAIL.com", "rahulpatil@gmail.com"],
    ["rahul.patil+diwali@gmail.com", "rahulpatil@gmail.com"],
    ["r.a.h.u.l@googlemail.com", "rahul@gmail.com"],
    ["rahul.patil@gmial.com", "rahulpatil@gmail.com"],
    ["rahul@gmai.com", "rahul@gmail.com"],
    ["rahul@gamil.com", "rahul@gmail.com"],
    ["rahul@gmail.co", "rahul@gmail.com"],
    ["rahul@gmail.cmo", "rahul@gmail.com"],
    ["priya@yaho.com", "priya@yahoo.com"],
    ["priya@yahoo.co", "priya@yahoo.com"],
    ["priya@yaho.co.in", "priya@yahoo.co.in"],
    ["amit@hotmial.com", "amit@hotmail.com"],
    ["amit@outlok.com", "amit@outlook.com"],
    ["amit@redifmail.com", "amit@rediffmail.com"],
    ["amit@rediffmial.com", "amit@rediffmail.com"],
    ["sales+q3@acme.in", "sales@acme.in"],
  ])("when the address is %s, then the key is %s", (raw, key) => {
    expect(emailKey(raw)).toBe(key);
  });

  it("when a domain is a real provider near a big one, then it is left alone", () => {
    expect(fixEmailDomain("ymail.com")).toBe("ymail.com");
    expect(fixEmailDomain("mail.com")).toBe("mail.com");
    expect(fixEmailDomain("acme.in")).toBe("acme.in");
    expect(emailKey("first.last@acme.in")).toBe("first.last@acme.in");
  });

  it("when the address is not one, then null", () => {
    expect(emailKey("not an email")).toBeNull();
    expect(emailKey(null)).toBeNull();
  });
});

describe("emailLocal", () => {
  it("when the domain is free mail, then the handle without . _ - is a key", () => {
    expect(emailLocal(emailKey("rahul.patil@yahoo.com"))).toBe("rahulpatil");
    expect(emailLocal(emailKey("rahul_patil@rediffmail.com"))).toBe("rahulpatil");
  });
  it("when the domain is a company's, or the handle is tiny, then null", () => {
    expect(emailLocal(emailKey("rahul.patil@acme.in"))).toBeNull();
    expect(emailLocal(emailKey("rp@gmail.com"))).toBeNull();
  });
});

describe("phoneKeys", () => {
  it.each(["+91 98765 43210", "098765 43210", "(+91) 98765-43210", "919876543210", "9876543210", "0091 98765 43210"])(
    "when written as %s, then the key is +919876543210",
    (raw) => {
      expect(phoneKeys([raw], "IN")).toEqual(["+919876543210"]);
    },
  );
  it("when phone and alt phone are given, then both count once each; invalid ones are dropped", () => {
    expect(phoneKeys(["098765 43210", "+91 98765 43210", "020 2567 8901", "12345"], "IN")).toEqual(["+919876543210", "+912025678901"]);
  });
  it("when the lead is from another country, then its national numbers read there", () => {
    expect(matchKeys({ phone: "(415) 555-2671", country: "US" }).phoneKeys).toEqual(["+14155552671"]);
    expect(matchKeys({ phone: "020 7946 0958" }, { region: "GB" }).phoneKeys).toEqual(["+442079460958"]);
  });
});

describe("nameKey", () => {
  it("when case, spacing, accents or punctuation differ, then the key is the same", () => {
    expect(nameKey("  RAHUL   patil. ")).toBe("patil rahul");
    expect(nameKey("José García")).toBe(nameKey("jose garcia"));
    expect(nameKey("Seán O'Brien")).toBe("obrien sean");
    expect(nameKey("Jürgen Weiß")).toBe("jurgen weiss");
  });
  it("when the order is swapped, then the key is the same", () => {
    expect(nameKey("Patil", "Rahul")).toBe(nameKey("Rahul", "Patil"));
    expect(nameKey("Patil, Rahul")).toBe("patil rahul");
  });
  it("when written in Devanagari, then it is the Latin name", () => {
    expect(nameKey("राहुल पाटील")).toBe(nameKey("Rahul Patil"));
    expect(nameKey("प्रिया शर्मा")).toBe(nameKey("Priya Sharma"));
    expect(nameKey("डॉ. राहुल पाटील")).toBe("patil rahul");
  });
  it("when a nickname is the first name, then its full form is used", () => {
    expect(nameKey("Bob Smith")).toBe("robert smith");
    expect(nameKey("Mike", "Brown")).toBe("brown michael");
    expect(nameKey("Bill Gates")).toBe("gates william");
    expect(nameKey("Venky Reddy")).toBe("reddy venkatesh");
  });
  it("when initials are used, then they stay single letters; titles go", () => {
    expect(nameKey("R.K. Sharma")).toBe("k r sharma");
    expect(nameKey("Dr. R. Patil")).toBe("patil r");
    expect(nameKey("Mr Rahul Patil Jr")).toBe("patil rahul");
  });
  it("when there is no name, then null", () => {
    expect(nameKey("", " ")).toBeNull();
  });
});

describe("companyKey", () => {
  it.each(["Acme Infra Pvt Ltd", "ACME INFRA PRIVATE LIMITED", "Acme  Infra", "Acme Infra L.L.P.", "AcmeInfra Ltd.", "Acme Infra, Inc."])(
    "when written %j, then the key is acmeinfra",
    (raw) => {
      expect(companyKey(raw)).toBe("acmeinfra");
    },
  );
  it("when & or and joins the names, then it is dropped", () => {
    expect(companyKey("Larsen & Toubro Limited")).toBe(companyKey("Larsen and Toubro"));
  });
});

describe("taxKey", () => {
  it("when a GSTIN has the right check character, then it and its PAN are keys", () => {
    expect(gstinCheckChar("27AAPFU0939F1Z")).toBe("V");
    expect(taxKey("27aapfu0939f1zv")).toEqual({ gstin: "27AAPFU0939F1ZV", pan: "AAPFU0939F" });
  });
  it("when the check character is wrong, then the GSTIN is not a key", () => {
    expect(taxKey("27AAPFU0939F1ZW")).toEqual({ gstin: null, pan: null });
  });
  it("when a PAN alone is given, then it is a key", () => {
    expect(taxKey(null, "aapfu0939f")).toEqual({ gstin: null, pan: "AAPFU0939F" });
    expect(taxKey("AAPFU0939F")).toEqual({ gstin: null, pan: "AAPFU0939F" });
  });
});

describe("matchKeys", () => {
  it("when given a lead row, then its stored canonical email and E.164 phone are used", () => {
    const k = matchKeys({
      first_name: "Rahul",
      last_name: "Patil",
      email_canonical: "rahulpatil@gmail.com",
      phone_e164: "+919876543210",
      alt_phone: "+912025678901",
      company: "Acme Infra Pvt Ltd",
      city: "Poona",
    });
    expect(k).toMatchObject({
      emailKey: "rahulpatil@gmail.com",
      emailLocal: "rahulpatil",
      phoneKeys: ["+919876543210", "+912025678901"],
      nameKey: "patil rahul",
      companyKey: "acmeinfra",
      cityKey: "pune",
      displayName: "Rahul Patil",
    });
  });
  it("when the email is a team mailbox, then it is marked so", () => {
    expect(matchKeys({ email: "info@acme.in" }).roleEmail).toBe(true);
    expect(matchKeys({ email: "rahul@acme.in" }).roleEmail).toBe(false);
  });
  it("when locking, then one key per email and phone, sorted, within the tenant", () => {
    const k = matchKeys({ email: "b@x.in", phone: "9876543210", alt_phone: "020 2567 8901" });
    expect(lockKeys("t1", k)).toEqual(["dedup:t1:e:b@x.in", "dedup:t1:p:+912025678901", "dedup:t1:p:+919876543210"]);
  });
});
