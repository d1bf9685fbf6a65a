import { planFields, type FieldPlan } from "./fields.ts";
import { matchKeys, type LeadLike, type MatchKeys } from "./keys.ts";
import { DEFAULT_MATCH_RULES, type MatchRules } from "./rules.ts";
import { scoreCandidates, type Candidate } from "./score.ts";

type Fields = Record<string, unknown>;

export interface BatchItem {
  fields: Fields;
  keys: MatchKeys;
}

export interface ReviewOf {
  candidateId: string;
  score: number;
  reasons: string[];
}

export type BatchAction =
  | { kind: "create"; index: number; id: string; reviews: ReviewOf[] }
  | { kind: "merge"; index: number; intoId: string; intoNew: boolean; score: number; reasons: string[]; plan: FieldPlan };

export interface BatchDecision {
  actions: BatchAction[];
  /** Final fields of each lead to create, by its new id (later rows of the same person filled them in). */
  creates: Map<string, Fields>;
  /** Existing leads that take values: their fields before the batch and after it. */
  updates: Map<string, { before: Fields; after: Fields }>;
}

interface Known {
  id: string;
  fields: Fields;
  keys: MatchKeys;
  isNew: boolean;
}

const keyIds = (keys: MatchKeys) => [
  ...(keys.emailKey ? [`e:${keys.emailKey}`] : []),
  ...(keys.otherEmailKeys ?? []).map((e) => `e:${e}`),
  ...keys.phoneKeys.map((p) => `p:${p}`),
];

/**
 * Dedup of a batch of rows in memory, after one set-based lookup of the existing leads sharing any
 * of their email keys or phones: each row in order is scored (intake's rules, so a family on one
 * phone is still a review, not a merge) against those leads and the rows before it in the batch,
 * then merged into the best match, or created (with reviews when unsure). Rows of one person in
 * the same batch end as one lead. Pure: the caller writes the decision.
 */
export function decideBatch(
  items: BatchItem[],
  existing: Fields[],
  opts: { rules?: MatchRules; region: string; newId: () => string },
): BatchDecision {
  const rules = opts.rules ?? DEFAULT_MATCH_RULES;
  const known = new Map<string, Known>();
  const byKey = new Map<string, Set<string>>();
  const index = (k: Known) => {
    for (const key of keyIds(k.keys)) {
      let set = byKey.get(key);
      if (!set) byKey.set(key, (set = new Set()));
      set.add(k.id);
    }
  };
  for (const row of existing) {
    const k: Known = { id: row.id as string, fields: row, keys: matchKeys(row as LeadLike, { region: opts.region }), isNew: false };
    known.set(k.id, k);
    index(k);
  }
  const sharedBy = (key: string | undefined) => (key ? (byKey.get(key)?.size ?? 1) : 1);

  const decision: BatchDecision = { actions: [], creates: new Map(), updates: new Map() };
  items.forEach((item, i) => {
    const ids = new Set(keyIds(item.keys).flatMap((key) => [...(byKey.get(key) ?? [])]));
    const candidates: Candidate[] = [...ids].map((id) => {
      const k = known.get(id)!;
      return {
        ...k.keys,
        id,
        phoneSharedBy: sharedBy(k.keys.phoneKeys[0] && `p:${k.keys.phoneKeys[0]}`),
        emailSharedBy: sharedBy(k.keys.emailKey ? `e:${k.keys.emailKey}` : undefined),
      };
    });
    const scored = candidates.length ? scoreCandidates(item.keys, candidates, rules) : [];
    const best = scored[0];
    if (best?.decision === "merge") {
      const target = known.get(best.id)!;
      const plan = planFields(target.fields, item.fields);
      if (!target.isNew && !decision.updates.has(target.id))
        decision.updates.set(target.id, { before: { ...target.fields }, after: target.fields });
      Object.assign(target.fields, plan.taken);
      target.keys = matchKeys(target.fields as LeadLike, { region: opts.region });
      index(target);
      decision.actions.push({
        kind: "merge",
        index: i,
        intoId: target.id,
        intoNew: target.isNew,
        score: best.score,
        reasons: best.reasons,
        plan,
      });
      return;
    }
    const id = opts.newId();
    const k: Known = { id, fields: { ...item.fields }, keys: item.keys, isNew: true };
    known.set(id, k);
    index(k);
    decision.creates.set(id, k.fields);
    const reviews = scored
      .filter((s) => s.decision === "review")
      .slice(0, 3)
      .map((s) => ({ candidateId: s.id, score: s.score, reasons: s.reasons }));
    decision.actions.push({ kind: "create", index: i, id, reviews });
  });
  return decision;
}
