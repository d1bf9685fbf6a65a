export {
  matchKeys,
  lockKeys,
  nameKey,
  emailKey,
  emailLocal,
  phoneKeys,
  companyKey,
  taxKey,
  gstinCheckChar,
  fixEmailDomain,
  FREE_MAIL,
} from "./keys.ts";
export type { LeadLike, MatchKeys, MatchKeyOptions } from "./keys.ts";
export { nameTokens, nameKeyOf, compareNames, compareTokens, phonetic, canonicalGiven } from "./names.ts";
export type { NameComparison, TokenMatch } from "./names.ts";
export { transliterate } from "./transliterate.ts";
export { scoreCandidates } from "./score.ts";
export type { Candidate, ScoredCandidate } from "./score.ts";
export { DEFAULT_MATCH_RULES, matchRulesSchema, decide } from "./rules.ts";
export type { Decision, MatchRules, MatchRulesInput } from "./rules.ts";
