import { NICKNAMES } from "./nicknames.ts";
import { hasIndic, transliterate } from "./transliterate.ts";

/** Titles dropped from the front of a name; they say nothing about who the person is. */
const TITLES = new Set([
  "mr",
  "mrs",
  "ms",
  "miss",
  "mx",
  "dr",
  "prof",
  "sir",
  "madam",
  "mam",
  "shri",
  "shree",
  "smt",
  "kumari",
  "km",
  "sau",
  "er",
  "adv",
  "ca",
  "capt",
  "col",
  "lt",
  "hon",
  "rev",
  "fr",
  "sr",
  "late",
]);
const SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv", "ji"]);
/** Devanagari titles, removed before transliterating (डॉ. would read "do"). */
const INDIC_TITLES = /(^|\s)(डॉ\.?|डा\.|श्रीमती|श्रीमान|श्री\.?|कु\.|सौ\.|स्व\.)(?=\s|$)/gu;
const LATIN_SPECIAL: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

/**
 * A name as lower-case Latin tokens in the order written: Indic scripts transliterated, accents,
 * punctuation and titles dropped, initials kept as single letters ("Dr. R.K. Patil" → r k patil).
 */
export function nameTokens(...parts: (string | null | undefined)[]): string[] {
  const tokens: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    let t = part.normalize("NFC");
    if (hasIndic(t)) t = transliterate(t.replace(INDIC_TITLES, " "));
    t = t
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[ßæœøłđðþı]/g, (c) => LATIN_SPECIAL[c])
      .replace(/['’‘`´]/g, "")
      .replace(/[^\p{L}]+/gu, " ");
    tokens.push(...t.split(" ").filter(Boolean));
  }
  while (tokens.length > 1 && TITLES.has(tokens[0])) tokens.shift();
  while (tokens.length > 1 && SUFFIXES.has(tokens[tokens.length - 1])) tokens.pop();
  return tokens;
}

/**
 * How a name sounds, for spellings that differ only in habit: Shrikant/Srikanth, Laxmi/Lakshmi,
 * Pooja/Puja, Sourav/Saurav, Pawar/पवार (pavar), Reddy/Reddi, Chavan/Chavhan.
 */
export function phonetic(token: string): string {
  let p = phoneticCache.get(token);
  if (p === undefined) {
    if (phoneticCache.size >= 50_000) phoneticCache.clear();
    p = fold(token);
    phoneticCache.set(token, p);
  }
  return p;
}
const phoneticCache = new Map<string, string>();

function fold(token: string): string {
  return token
    .replace(/x/g, "ks")
    .replace(/ph/g, "f")
    .replace(/ck/g, "k")
    .replace(/q/g, "k")
    .replace(/w/g, "v")
    .replace(/([bcdgjkpstv])h/g, "$1")
    .replace(/a[iy](?=[^aeiou]|$)/g, "ai")
    .replace(/ee|ii|ie$/g, "i")
    .replace(/oo|uu/g, "u")
    .replace(/ou/g, "au")
    .replace(/aa/g, "a")
    .replace(/ey$/, "e")
    .replace(/([^aeiou])y$/, "$1i")
    .replace(/(.)\1+/g, "$1");
}

const nickIndex = new Map<string, Set<string>>();
for (const [nick, fulls] of Object.entries(NICKNAMES)) {
  const set = nickIndex.get(phonetic(nick)) ?? new Set<string>();
  for (const f of fulls) set.add(phonetic(f));
  nickIndex.set(phonetic(nick), set);
}

/** The full given name a nickname stands for (venky → venkatesh), else the token itself. */
export function canonicalGiven(token: string): string {
  return NICKNAMES[token]?.[0] ?? token;
}

/**
 * The name as one comparable string: tokens of `nameTokens`, the first given name's nickname
 * replaced by its full form, sorted so "Patil Rahul" = "Rahul Patil". Null when there is no name.
 */
export function nameKeyOf(tokens: readonly string[]): string | null {
  if (!tokens.length) return null;
  const first = tokens.findIndex((t) => t.length > 1);
  const canon = tokens.map((t, i) => (i === first ? canonicalGiven(t) : t));
  return canon.sort().join(" ");
}

export type TokenMatch = "exact" | "nickname" | "spelling" | "initial" | "typo";
const MATCH_SCORE: Record<TokenMatch, number> = { exact: 1, nickname: 0.95, spelling: 0.95, initial: 0.75, typo: 0.8 };

/** Damerau-Levenshtein (optimal string alignment) distance, stopping early past `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length][b.length];
}

/**
 * How two name tokens agree, or null when they are different names. Remembered per pair: names
 * repeat (a company's Rahuls and Patils meet arrival after arrival), and the nickname, phonetic
 * and edit-distance checks were most of comparing two names.
 */
export function compareTokens(a: string, b: string): TokenMatch | null {
  if (a === b) return "exact";
  const pair = `${a} ${b}`;
  let m = tokenPairs.get(pair);
  if (m === undefined) {
    if (tokenPairs.size >= 100_000) tokenPairs.clear();
    m = compareDistinctTokens(a, b);
    tokenPairs.set(pair, m);
  }
  return m;
}
const tokenPairs = new Map<string, TokenMatch | null>();

function compareDistinctTokens(a: string, b: string): TokenMatch | null {
  if (a.length === 1 || b.length === 1) return a[0] === b[0] && a.length !== b.length ? "initial" : null;
  const pa = phonetic(a);
  const pb = phonetic(b);
  const na = nickIndex.get(pa);
  const nb = nickIndex.get(pb);
  if (na?.has(pb) || nb?.has(pa) || (na && nb && [...na].some((f) => nb.has(f)))) return "nickname";
  if (pa === pb) return "spelling";
  const shorter = Math.min(pa.length, pb.length);
  if (shorter < 5 || Math.abs(pa.length - pb.length) > 2) return null;
  // One slip of the keyboard in a name long enough for it to be a slip (Rahul/Rahil, not Amit/Amita).
  const distance = Math.min(editDistance(pa, pb, 2), editDistance(a, b, 2));
  if (shorter >= 5 && distance <= 1) return "typo";
  if (shorter >= 8 && distance <= 2) return "typo";
  return null;
}

export interface NameComparison {
  /**
   * same: the same tokens; compatible: the same person written another way (nickname, initial,
   * spelling, order, a middle name more); similar: close but not certain (a typo, a first name
   * alone, initials only); conflict: a first name that is someone else's; unknown: a name missing.
   */
  verdict: "same" | "compatible" | "similar" | "conflict" | "unknown";
  /** 0..1 from the token matches. */
  tokenSim: number;
  /** The ways tokens matched other than exactly, for reasons. */
  how: (TokenMatch | "order" | "partial" | "middle name")[];
  /** A conflict that still shares a family name (Rahul Patil / Priya Patil). */
  sharedToken: boolean;
  /** That shared token, for reasons. */
  shared: string | null;
}

/** Adjacent tokens written as one ("Ravi Teja" / "Raviteja"): joined when the other name has the join. */
function joinSplit(tokens: string[], other: readonly string[]): string[] {
  const out = [...tokens];
  for (let i = 0; i < out.length - 1; i++) {
    const joined = out[i] + out[i + 1];
    if (out[i].length > 1 && out[i + 1].length > 1 && other.some((o) => phonetic(o) === phonetic(joined))) {
      out.splice(i, 2, joined);
    }
  }
  return out;
}

/** Compares two token lists of `nameTokens` (any order). */
export function compareNames(a0: readonly string[], b0: readonly string[]): NameComparison {
  if (!a0.length || !b0.length) return { verdict: "unknown", tokenSim: 0, how: [], sharedToken: false, shared: null };
  const a = joinSplit([...a0], b0);
  const b = joinSplit([...b0], a);
  const pairs: { i: number; j: number; m: TokenMatch; s: number }[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const m = compareTokens(a[i], b[j]);
      if (m) pairs.push({ i, j, m, s: MATCH_SCORE[m] + (i === j ? 0.001 : 0) });
    }
  }
  pairs.sort((x, y) => y.s - x.s);
  const ma = new Map<number, (typeof pairs)[number]>();
  const mb = new Set<number>();
  for (const p of pairs) {
    if (ma.has(p.i) || mb.has(p.j)) continue;
    ma.set(p.i, p);
    mb.add(p.j);
  }
  const sharedPair = [...ma.values()].find((p) => p.m !== "initial" && p.m !== "typo" && a[p.i].length > 1);
  const sharedToken = !!sharedPair;
  const shared = sharedPair ? a[sharedPair.i] : null;
  const aShorter = a.length <= b.length;
  const shortLen = aShorter ? a.length : b.length;
  const unmatchedShort = aShorter ? a.some((_, i) => !ma.has(i)) : b.some((_, j) => !mb.has(j));
  // The first given name decides: "Priya Rahul Patil" (Rahul's wife, in Marathi style) is not Rahul Patil.
  const firstA = a.findIndex((t) => t.length > 1);
  const firstB = b.findIndex((t) => t.length > 1);
  const firstMissing = (firstA >= 0 && !ma.has(firstA)) || (firstB >= 0 && !mb.has(firstB));
  if (unmatchedShort || firstMissing) return { verdict: "conflict", tokenSim: 0, how: [], sharedToken, shared };

  const matches = [...ma.values()];
  const how = new Set<TokenMatch | "order" | "partial" | "middle name">();
  for (const p of matches) if (p.m !== "exact") how.add(p.m);
  const orderA = matches
    .filter((p) => a[p.i].length > 1)
    .sort((x, y) => x.i - y.i)
    .map((p) => p.j);
  if (orderA.some((j, k) => k > 0 && j < orderA[k - 1])) how.add("order");
  let tokenSim = matches.reduce((sum, p) => sum + MATCH_SCORE[p.m], 0) / shortLen;
  const fullA = a.filter((t) => t.length > 1).length;
  const fullB = b.filter((t) => t.length > 1).length;
  const fullMatched = matches.filter((p) => p.m !== "initial" && a[p.i].length > 1 && b[p.j].length > 1).length;
  const partial = Math.min(fullA, fullB) === 1 && Math.max(fullA, fullB) >= 2 && fullMatched === 1 && a.length !== b.length;
  if (partial) {
    tokenSim *= 0.75;
    how.add("partial");
  } else if (a.length !== b.length) {
    how.add("middle name");
  }
  const exactAll = a.length === b.length && matches.every((p) => p.m === "exact");
  let verdict: NameComparison["verdict"] = exactAll ? "same" : "compatible";
  if (fullMatched === 0 || partial || how.has("typo")) verdict = "similar";
  return { verdict, tokenSim, how: [...how], sharedToken, shared };
}
