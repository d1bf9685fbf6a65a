import Fuse, { type IFuseOptions } from "fuse.js";
import { sharesEmail, type MatchKeys } from "./keys.ts";
import { compareNames, editDistance, type NameComparison } from "./names.ts";
import { DEFAULT_MATCH_RULES, decide, type Decision, type MatchRules } from "./rules.ts";

/** An existing lead found by a blocking query, with what the database knows about its contacts. */
export interface Candidate extends MatchKeys {
  id: string;
  /** How many leads of the tenant carry this candidate's phone (1 = only it). An office switchboard has many. */
  phoneSharedBy?: number;
  /** The same for its email (a shared family or team mailbox). */
  emailSharedBy?: number;
}

export interface ScoredCandidate {
  id: string;
  /** 0..1 confidence that the newcomer is this lead's person. */
  score: number;
  decision: Decision;
  /** Why, in words a sales person reads: "same phone", "name 0.92 similar (nickname)", "same company". */
  reasons: string[];
  /** Name similarity 0..1 (fuse.js over the name keys, blended with the token rules); null without names. */
  nameSimilarity: number | null;
}

export { decide };

const FUSE_OPTIONS: IFuseOptions<Candidate> = {
  keys: ["nameKey"],
  includeScore: true,
  ignoreLocation: true,
  ignoreFieldNorm: true,
  threshold: 0.6,
  shouldSort: false,
};
const MATCH_OPTIONS = { ignoreLocation: true, threshold: 0.6 };

/** What a name verdict is worth, as a share of the name weight. */
function nameShare(cmp: NameComparison, similarity: number): number {
  switch (cmp.verdict) {
    case "same":
      return 1;
    case "compatible":
      return 0.85 + 0.15 * similarity;
    case "similar":
      return 0.5;
    case "unknown":
      return 0.25;
    case "conflict":
      return 0;
  }
}

/**
 * Symmetric fuse.js similarity of the newcomer's name key to each of `indexes`' candidates: Bitap
 * finds a pattern inside a text ("patil" inside "patil rahul" scores perfectly), so a longer
 * candidate is also searched the other way and the worse score kept. Not returned = 0.
 */
function fuseSimilarities(newcomer: MatchKeys, candidates: readonly Candidate[], indexes: number[]): Map<number, number> {
  const sims = new Map<number, number>();
  const pattern = newcomer.nameKey;
  if (!pattern || !indexes.length) return sims;
  const fuse = new Fuse(
    indexes.map((i) => candidates[i]),
    FUSE_OPTIONS,
  );
  for (const r of fuse.search(pattern)) {
    const i = indexes[r.refIndex];
    const text = candidates[i].nameKey!;
    const back = text.length > pattern.length ? Fuse.match(text, pattern, MATCH_OPTIONS) : { isMatch: true, score: 0 };
    sims.set(i, 1 - Math.max(r.score ?? 1, back.isMatch ? back.score : 1));
  }
  return sims;
}

/**
 * A handle says more than the name only when it holds something besides the name: every Rahul
 * Sharma is rahulsharma somewhere, but rahulsharma87 or rockyrahul on two providers is one person.
 */
export function distinctiveHandle(handle: string, ...names: string[][]): boolean {
  let rest = handle;
  const tokens = names
    .flat()
    .filter((t) => t.length > 1)
    .sort((x, y) => y.length - x.length);
  for (const t of tokens) rest = rest.replace(t, "");
  return rest.length > 1;
}

/**
 * A slip in the family name only: the first given names written alike and the one other difference
 * a keyboard typo (Fatima Al-Farsi / Fatima Al-aFrsi). A family shares a surname, not a first name,
 * so with the person's own phone this is the person.
 */
function familyNameSlip(cmp: NameComparison, a: readonly string[], b: readonly string[]): boolean {
  if (cmp.verdict !== "similar" || cmp.how.length !== 1 || cmp.how[0] !== "typo") return false;
  const first = (tokens: readonly string[]) => tokens.find((t) => t.length > 1);
  return first(a) !== undefined && first(a) === first(b);
}

/**
 * A slip in one token only, whatever compareNames made of it (short names are not typo-matched:
 * Ritu/Rity, Anand/Aand): every other token the same and the two left over one keystroke apart.
 */
function oneTokenSlip(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  const rest = [...b];
  const left: string[] = [];
  for (const t of a) {
    const k = rest.indexOf(t);
    if (k >= 0) rest.splice(k, 1);
    else left.push(t);
  }
  return left.length === 1 && rest.length === 1 && left[0].length > 1 && rest[0].length > 1 && editDistance(left[0], rest[0], 1) <= 1;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function nameReason(cmp: NameComparison, similarity: number): string {
  const how = cmp.how.length ? ` (${cmp.how.join(", ")})` : "";
  switch (cmp.verdict) {
    case "same":
      return `same name${how}`;
    case "compatible":
    case "similar":
      return `name ${similarity.toFixed(2)} similar${how}`;
    case "unknown":
      return "no name to compare";
    case "conflict":
      return cmp.shared ? `different name, same "${cmp.shared}"` : "different name";
  }
}

/**
 * Ranks the candidates a blocking query found against the newcomer: field rules (email, phone,
 * name, company, GSTIN/PAN, email handle, city) weighted by the tenant's rules, names ranked with
 * fuse.js. Best first. Pure: no database; 50 candidates take ~0.1 ms, under 1 ms when all their
 * names are close (fuse.js runs only over those).
 *
 * Hard rules, whatever the weights:
 * - no merge without a personal contact in common (an email or phone not shared by many leads):
 *   the same name, company and city are still two people;
 * - no merge when the first names disagree (a family sharing a phone or a mailbox: review), and
 *   not even a review when all they share is an office line, a team mailbox or a company;
 * - a name that is only close (one typo, a first name alone) merges only on the same email, since a
 *   phone is often a family's: Ramesh and Rajesh Patil share one.
 */
export function scoreCandidates(
  newcomer: MatchKeys,
  candidates: readonly Candidate[],
  rules: MatchRules = DEFAULT_MATCH_RULES,
): ScoredCandidate[] {
  const w = rules.weights;
  const on = rules.keys;
  const below = Math.max(rules.reviewAt, rules.autoMergeAt - 0.01);
  // Names first: fuse.js then ranks only the candidates whose names are close, the few that matter.
  const names = candidates.map((c) => (on.name ? compareNames(newcomer.nameTokens, c.nameTokens) : null));
  const close = names.flatMap((n, i) => (n?.verdict === "compatible" || n?.verdict === "similar" ? [i] : []));
  const sims = fuseSimilarities(newcomer, candidates, close);
  const out = candidates.map((c, i): ScoredCandidate => {
    const reasons: string[] = [];
    let score = 0;
    let personalContact = false;
    let personalEmail = false;
    let personalPhone = false;

    const emailInCommon = sharesEmail(newcomer, c);
    if (on.email && emailInCommon) {
      const sharedBy = c.emailSharedBy ?? 1;
      const shared = newcomer.roleEmail || sharedBy >= rules.sharedContactFrom;
      score += w.email * (shared ? rules.sharedContactFactor : 1);
      const kept = newcomer.emailKey !== c.emailKey ? " (one it gave before)" : "";
      reasons.push(shared ? (newcomer.roleEmail ? "same team mailbox" : `same email, shared by ${sharedBy} leads`) : `same email${kept}`);
      personalContact ||= !shared;
      personalEmail = !shared;
    }
    if (on.phone && newcomer.phoneKeys.some((p) => c.phoneKeys.includes(p))) {
      const sharedBy = c.phoneSharedBy ?? 1;
      const shared = sharedBy >= rules.sharedContactFrom;
      score += w.phone * (shared ? rules.sharedContactFactor : 1);
      reasons.push(shared ? `same phone, shared by ${sharedBy} leads` : "same phone");
      personalContact ||= !shared;
      personalPhone = !shared;
    }

    const cmp = names[i];
    let similarity: number | null = null;
    const surnameSlip = !!cmp && familyNameSlip(cmp, newcomer.nameTokens, c.nameTokens);
    if (cmp) {
      if (cmp.verdict === "same") similarity = 1;
      else if (cmp.verdict === "conflict") similarity = 0;
      else if (cmp.verdict !== "unknown") similarity = round((cmp.tokenSim + (sims.get(i) ?? 0)) / 2, 2);
      // A typo in the surname alone, the first name the same: as good as a name written another way.
      score += w.name * (surnameSlip ? nameShare({ ...cmp, verdict: "compatible" }, similarity ?? 0) : nameShare(cmp, similarity ?? 0));
      reasons.push(nameReason(cmp, similarity ?? 0));
    }
    // A one-letter slip in a name, with the person's own email and phone both the same: the person.
    const slipWithBothContacts =
      personalEmail && personalPhone && cmp?.verdict === "conflict" && oneTokenSlip(newcomer.nameTokens, c.nameTokens);
    if (slipWithBothContacts) reasons.push("one letter apart in the name, same email and phone");

    let sameCompany = true;
    if (on.tax && newcomer.gstin && newcomer.gstin === c.gstin) {
      score += w.company;
      reasons.push("same GSTIN");
    } else if (on.tax && newcomer.pan && newcomer.pan === c.pan) {
      score += w.company;
      reasons.push("same PAN");
    } else if (on.company && newcomer.companyKey && newcomer.companyKey === c.companyKey) {
      score += w.company;
      reasons.push("same company");
    } else sameCompany = false;
    if (
      on.emailLocal &&
      !personalEmail &&
      newcomer.emailLocal &&
      newcomer.emailLocal === c.emailLocal &&
      !emailInCommon &&
      distinctiveHandle(newcomer.emailLocal, newcomer.nameTokens, c.nameTokens)
    ) {
      score += w.emailLocal;
      reasons.push("same email handle at another provider");
    }
    if (on.city && newcomer.cityKey && newcomer.cityKey === c.cityKey) {
      score += w.city;
      reasons.push("same city");
    }

    // Both reachable, and by nothing in common: a namesake at the same company, not a returning person.
    const emailsDiffer = newcomer.emailKey !== null && c.emailKey !== null && !emailInCommon;
    const phonesDiffer =
      newcomer.phoneKeys.length > 0 && c.phoneKeys.length > 0 && !newcomer.phoneKeys.some((p) => c.phoneKeys.includes(p));
    if (emailsDiffer && phonesDiffer && w.contactConflict > 0) {
      score -= w.contactConflict;
      reasons.push("different email and phone");
    }

    score = Math.max(0, Math.min(1, score));
    const sameName = cmp?.verdict === "same" || cmp?.verdict === "compatible";
    if (sameName && sameCompany && !personalContact && (emailsDiffer || phonesDiffer)) {
      // The same name at the same company, each with contacts of their own: a person decides (docs/dedup.md).
      score = Math.min(below, Math.max(score, rules.reviewAt));
      reasons.push("same name at the same company, different email or phone: review");
    } else if (cmp?.verdict === "conflict" && !personalContact && score >= rules.reviewAt) {
      // Different people who share an office line, a team mailbox, a company: nothing to review.
      score = Math.max(0, rules.reviewAt - 0.01);
    } else if (score > below) {
      if (!personalContact) {
        score = below;
        reasons.push("no email or phone of its own in common: review");
      } else if (cmp?.verdict === "conflict" && !slipWithBothContacts) {
        score = below;
      } else if (cmp?.verdict === "similar" && !personalEmail && !surnameSlip) {
        score = below;
        reasons.push("name only close and no email in common: review");
      }
    }
    score = round(score, 3);
    return { id: c.id, score, decision: decide(score, rules), reasons, nameSimilarity: similarity };
  });
  return out.sort((a, b) => b.score - a.score || (b.nameSimilarity ?? 0) - (a.nameSimilarity ?? 0));
}
