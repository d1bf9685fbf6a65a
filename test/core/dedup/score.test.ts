import { describe, expect, it } from "vitest";
import {
  DEFAULT_MATCH_RULES,
  decide,
  matchKeys,
  matchRulesSchema,
  scoreCandidates,
  type Candidate,
  type LeadLike,
  type MatchRules,
} from "../../../core/dedup/index.ts";

const rahul: LeadLike = {
  name: "Rahul Patil",
  email: "rahul.patil@gmail.com",
  phone: "+91 98765 43210",
  company: "Acme Infra Pvt Ltd",
  city: "Pune",
};

function score(newcomer: LeadLike, existing: LeadLike, extra: Partial<Candidate> = {}, rules: MatchRules = DEFAULT_MATCH_RULES) {
  const [r] = scoreCandidates(matchKeys(newcomer), [{ ...matchKeys(existing), id: "x", ...extra }], rules);
  return r;
}

describe("scoreCandidates: the same person", () => {
  it("when the same phone comes with a compatible name, then merge", () => {
    for (const name of ["Rahul Patil", "R. Patil", "Patil Rahul", "राहुल पाटील", "RAHUL PATIL"]) {
      const r = score({ name, phone: "098765 43210" }, rahul);
      expect(r.decision, name).toBe("merge");
      expect(r.reasons).toContain("same phone");
    }
  });
  it("when the same canonical email comes with a nickname, then merge", () => {
    const r = score({ name: "Bob Smith", email: "Bob.Smith+ads@gmial.com" }, { name: "Robert Smith", email: "bobsmith@gmail.com" });
    expect(r.decision).toBe("merge");
    expect(r.reasons).toEqual(expect.arrayContaining(["same email", expect.stringMatching(/^name 0\.\d\d similar \(nickname\)$/)]));
  });
  it("when the email is the same and the name has a typo, then merge", () => {
    expect(score({ name: "Rahil Patil", email: "rahulpatil@gmail.com" }, rahul).decision).toBe("merge");
  });
  it("when everything agrees, then the score is 1 with every reason", () => {
    const r = score({ ...rahul, gstin: "27AAPFU0939F1ZV" }, { ...rahul, gstin: "27AAPFU0939F1ZV" });
    expect(r.score).toBe(1);
    expect(r.reasons).toEqual(["same email", "same phone", "same name", "same GSTIN", "same city"]);
  });
  it("when a name is missing but the email and phone agree, then merge", () => {
    expect(score({ email: rahul.email, phone: rahul.phone }, rahul).decision).toBe("merge");
  });
});

describe("scoreCandidates: different people", () => {
  it("when only the full name is the same, then new", () => {
    const r = score(
      { name: "Rahul Sharma", email: "rahul.s@yahoo.com", phone: "9822012345", company: "Globex", city: "Delhi" },
      { name: "Rahul Sharma", email: "rsharma@acme.in", phone: "9811098110", company: "Initech", city: "Mumbai" },
    );
    expect(r.decision).toBe("new");
    expect(r.score).toBeLessThan(DEFAULT_MATCH_RULES.reviewAt);
  });
  it("when the same name is at the same company, then review at most, never merge", () => {
    const r = score({ name: "Rahul Patil", email: "rp@acmeinfra.in", company: "ACME INFRA", city: "Pune" }, rahul);
    expect(r.decision).toBe("review");
    expect(r.reasons).toContain("same company");
  });
  it("when colleagues at one company have different names and emails, then new", () => {
    expect(
      score(
        { name: "Amit Shah", email: "amit.shah@acmeinfra.in", company: "Acme Infra Private Limited", city: "Pune", phone: "9822098220" },
        { ...rahul, email: "rahul.patil@acmeinfra.in" },
      ).decision,
    ).toBe("new");
  });
  it("when people share a surname and a city only, then new", () => {
    expect(score({ name: "Sunil Patil", email: "sunilp@gmail.com", phone: "9890098900", city: "Pune" }, rahul).decision).toBe("new");
  });
  it("when family members share a phone (Rahul vs Priya Patil), then review, not merge", () => {
    const r = score({ name: "Priya Patil", phone: "9876543210", city: "Pune" }, rahul);
    expect(r.decision).toBe("review");
    expect(r.reasons).toContain('different name, same "patil"');
  });
  it("when the same email comes with a different name, then review", () => {
    expect(score({ name: "Sneha Kulkarni", email: "rahul.patil@gmail.com" }, rahul).decision).toBe("review");
  });
  it("when brothers one letter apart share a phone (Ramesh/Rajesh), then review, not merge", () => {
    const r = score({ name: "Rajesh Patil", phone: "9876543210", company: "Acme Infra" }, { ...rahul, name: "Ramesh Patil" });
    expect(r.decision).toBe("review");
    expect(r.reasons).toContain("name only close and no email in common: review");
  });
});

describe("scoreCandidates: shared contacts", () => {
  const office = { name: "Rahul Patil", phone: "020 2567 8901", company: "Acme Infra", city: "Pune" };
  it("when a phone is shared by many leads, then it counts for less and cannot merge alone", () => {
    const alone = score({ name: "Rahul Patil", phone: "020 2567 8901", company: "Acme Infra", city: "Pune" }, office);
    const shared = score({ name: "Rahul Patil", phone: "020 2567 8901", company: "Acme Infra", city: "Pune" }, office, {
      phoneSharedBy: 8,
    });
    expect(alone.decision).toBe("merge");
    expect(shared.decision).toBe("review");
    expect(shared.reasons).toContain("same phone, shared by 8 leads");
  });
  it("when colleagues share a switchboard and a team mailbox, then new", () => {
    const r = score(
      { name: "Amit Shah", phone: "020 2567 8901", email: "info@acmeinfra.in", company: "Acme Infra" },
      { ...office, email: "info@acmeinfra.in" },
      { phoneSharedBy: 5 },
    );
    expect(r.decision).toBe("new");
  });
});

describe("scoreCandidates: ranking", () => {
  it("when several candidates come back, then the best is first and fuse.js orders names", () => {
    const candidates: Candidate[] = [
      { ...matchKeys({ name: "Priya Patil", phone: "9876543210" }), id: "wife" },
      { ...matchKeys({ name: "Rahul Patil", phone: "9876543210" }), id: "him" },
      { ...matchKeys({ name: "Rahul Sharma", email: "x@y.in" }), id: "namesake" },
    ];
    const ranked = scoreCandidates(matchKeys({ name: "Rahul Patil", phone: "+91 98765 43210" }), candidates);
    expect(ranked.map((r) => r.id)).toEqual(["him", "wife", "namesake"]);
    expect(ranked[0].nameSimilarity).toBe(1);
  });
  it("when there are no candidates, then nothing", () => {
    expect(scoreCandidates(matchKeys(rahul), [])).toEqual([]);
  });
});

describe("rules", () => {
  it("when a tenant gives nothing, then the defaults apply", () => {
    expect(matchRulesSchema.parse({})).toEqual(DEFAULT_MATCH_RULES);
    expect(DEFAULT_MATCH_RULES).toMatchObject({ autoMergeAt: 0.9, reviewAt: 0.6 });
  });
  it("when a tenant turns phone matching off, then the same phone is no evidence", () => {
    const rules = matchRulesSchema.parse({ keys: { phone: false } });
    expect(rules.keys.email).toBe(true);
    const r = score({ name: "Rahul Patil", phone: "9876543210" }, rahul, {}, rules);
    expect(r.reasons).not.toContain("same phone");
    expect(r.decision).toBe("new");
  });
  it("when reviewAt exceeds autoMergeAt, then the rules are refused", () => {
    expect(matchRulesSchema.safeParse({ autoMergeAt: 0.5, reviewAt: 0.7 }).success).toBe(false);
  });
  it("when deciding, then merge at autoMergeAt, review at reviewAt, else new", () => {
    expect(decide(0.9)).toBe("merge");
    expect(decide(0.89)).toBe("review");
    expect(decide(0.6)).toBe("review");
    expect(decide(0.59)).toBe("new");
    expect(decide(0.7, matchRulesSchema.parse({ autoMergeAt: 0.7 }))).toBe("merge");
  });
});

describe("scoreCandidates: sure duplicates with a slip in the name (docs/dedup.md, scoring)", () => {
  it("when the same phone comes with the same first name and a typo in the surname, then merge", () => {
    for (const name of ["Rahul Paitl", "Rahul Patli", "Rahul Pstil"]) {
      const r = score({ name, phone: "+91-9876543210" }, rahul);
      expect(r.decision, name).toBe("merge");
    }
    expect(
      score({ name: "Fatima Al-aFrsi", phone: "+971 50 767 5933" }, { name: "Fatima Al-Farsi", phone: "+971507675933" }).decision,
    ).toBe("merge");
  });
  it("when the same phone comes with a typo in the first name, then review (a family shares a phone)", () => {
    expect(score({ name: "Rahil Patil", phone: "+91-9876543210" }, rahul).decision).toBe("review");
    expect(score({ name: "Rajesh Patil", phone: "+91-9876543210" }, { ...rahul, name: "Ramesh Patil" }).decision).toBe("review");
  });
  it("when a short first name is one letter off and both the email and the phone are the same, then merge", () => {
    const ritu = { name: "Ritu Singh", email: "singh.ritu@yahoo.co.in", phone: "+91 88169 42576" };
    const r = score({ ...ritu, name: "Rity Singh" }, ritu);
    expect(r.decision).toBe("merge");
    expect(r.reasons).toContain("one letter apart in the name, same email and phone");
    expect(score({ name: "Rity Singh", phone: ritu.phone }, ritu).decision).not.toBe("merge");
    expect(score({ ...ritu, name: "Priya Singh" }, ritu).decision).toBe("review");
  });
});

describe("scoreCandidates: the same name at the same company", () => {
  it("when each has an email and phone of their own, then review, never merge nor drop", () => {
    const other = { name: "Rahul Patil", email: "rahul.p@acmeinfra.in", phone: "+91 99887 76655", company: "ACME INFRA LTD" };
    const r = score(other, rahul);
    expect(r.decision).toBe("review");
    expect(r.reasons).toContain("same name at the same company, different email or phone: review");
    expect(score({ ...other, company: "Globex" }, rahul).decision).toBe("new");
    expect(score({ ...other, name: "Priya Patil" }, rahul).decision).toBe("new");
  });
});
