import { z } from "zod";

const weight = z.number().min(0).max(1);

/**
 * A tenant's matching rules (stored as tenant settings, edited in the console). Every field has a
 * default, so `matchRulesSchema.parse({})` gives DEFAULT_MATCH_RULES and a partial object fills in.
 */
export const matchRulesSchema = z
  .object({
    /** Which keys count at all. */
    keys: z
      .object({
        email: z.boolean().default(true),
        phone: z.boolean().default(true),
        name: z.boolean().default(true),
        company: z.boolean().default(true),
        tax: z.boolean().default(true).describe("GSTIN / PAN as company evidence"),
        emailLocal: z.boolean().default(true).describe("same free-mail handle on another provider"),
        city: z.boolean().default(true),
      })
      .prefault({}),
    /** What each agreeing key adds to the score (the sum is capped at 1). */
    weights: z
      .object({
        email: weight.default(0.7),
        phone: weight.default(0.6),
        name: weight.default(0.4).describe("for the same name; less for a compatible or similar one"),
        company: weight.default(0.2),
        emailLocal: weight.default(0.2),
        city: weight.default(0.05),
        contactConflict: weight.default(0.15).describe("taken off when both have an email and a phone and neither is shared"),
      })
      .prefault({}),
    /** At or above: merge into the existing lead without asking. */
    autoMergeAt: weight.default(0.9),
    /** At or above (and below autoMergeAt): create the lead and open a duplicate review. */
    reviewAt: weight.default(0.6),
    /** A phone or email carried by at least this many leads is an office line or a shared mailbox… */
    sharedContactFrom: z.number().int().min(2).default(3),
    /** …and counts this fraction of its weight. */
    sharedContactFactor: weight.default(0.5),
  })
  .refine((r) => r.reviewAt <= r.autoMergeAt, { message: "reviewAt must not exceed autoMergeAt", path: ["reviewAt"] });

export type MatchRules = z.output<typeof matchRulesSchema>;
export type MatchRulesInput = z.input<typeof matchRulesSchema>;

export const DEFAULT_MATCH_RULES: MatchRules = Object.freeze(matchRulesSchema.parse({}));

export type Decision = "merge" | "review" | "new";

/** merge at autoMergeAt and above, review at reviewAt and above, else a new lead. */
export function decide(score: number, rules: MatchRules = DEFAULT_MATCH_RULES): Decision {
  if (score >= rules.autoMergeAt) return "merge";
  if (score >= rules.reviewAt) return "review";
  return "new";
}

/** A tenant's stored rules (settings.dedup) as the matcher uses them: defaults fill what is absent or unreadable. */
export function rulesFrom(stored: unknown): MatchRules {
  return matchRulesSchema.safeParse(stored ?? {}).data ?? DEFAULT_MATCH_RULES;
}
