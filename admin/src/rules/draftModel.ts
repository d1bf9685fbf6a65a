// A rule set being edited in the console: a local draft of the saved rules, in order, published
// whole (`PUT /api/<kind>_rules/set`) as one new version.
import { type Group, asCondition, conditionErrors, normaliseCondition } from "./conditionModel.ts";
import type { RuleKind } from "../../../core/vocabulary.ts";

export type { RuleKind };

export interface RuleBase {
  /** Absent for a rule added in the draft; the API creates it on publish. */
  id?: string;
  name: string;
  description?: string | null;
  condition: Group;
  active?: boolean;
}

/** A draft item: the rule plus a key that stays put while it is edited and moved (new rules have no id yet). */
export type DraftItem<R extends RuleBase> = R & { key: string };

export const toDraft = <R extends RuleBase>(rules: R[]): DraftItem<R>[] =>
  rules.map((r, i) => ({ ...r, condition: asCondition(r.condition), key: r.id ?? `saved-${i}` }));

/** A key no item of the draft holds. */
export function nextDraftKey(items: readonly { key: string }[]): string {
  const used = new Set(items.map((i) => i.key));
  let n = items.length + 1;
  while (used.has(`new-${n}`)) n++;
  return `new-${n}`;
}

/** The list with the item at `from` moved to `to` (indexes of the list before the move). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || from >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

/** An edited item replaces the one with its key; a new one is added at the end. */
export function upsertItem<T extends { key: string }>(items: readonly T[], item: T): T[] {
  return items.some((i) => i.key === item.key) ? items.map((i) => (i.key === item.key ? item : i)) : [...items, item];
}

export const removeItem = <T extends { key: string }>(items: readonly T[], key: string): T[] => items.filter((i) => i.key !== key);

/** JSON with object keys sorted: PostgreSQL's jsonb hands keys back in its own order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

export interface DraftDiff {
  added: string[];
  removed: string[];
  changed: string[];
  reordered: boolean;
  dirty: boolean;
}

/**
 * What publishing the draft would change against the saved set, by rule name. `payload` picks what
 * the API stores of a rule, so two rules are the same when the API would store the same.
 */
export function diffDraft<R extends RuleBase>(saved: readonly R[], draft: readonly DraftItem<R>[], payload: (r: R) => object): DraftDiff {
  const byId = new Map(saved.filter((r) => r.id).map((r) => [r.id!, r]));
  const kept = new Set(draft.flatMap((d) => (d.id ? [d.id] : [])));
  const added = draft.filter((d) => !d.id || !byId.has(d.id)).map((d) => d.name);
  const removed = saved.filter((r) => r.id && !kept.has(r.id)).map((r) => r.name);
  const changed = draft
    .filter((d) => d.id && byId.has(d.id) && stableJson(payload(d)) !== stableJson(payload(byId.get(d.id)!)))
    .map((d) => d.name);
  // Order among the rules in both: added and removed ones do not count as a reorder.
  const savedOrder = saved.filter((r) => r.id && kept.has(r.id)).map((r) => r.id);
  const draftOrder = draft.filter((d) => d.id && byId.has(d.id)).map((d) => d.id);
  const reordered = savedOrder.join() !== draftOrder.join();
  return { added, removed, changed, reordered, dirty: added.length + removed.length + changed.length > 0 || reordered };
}

const count = (n: number, word: string) => `${n} ${word}`;

/** "1 added, 2 changed, order changed" for the publish button's confirmation. */
export function diffSummary(diff: DraftDiff): string {
  if (!diff.dirty) return "No changes";
  return [
    diff.added.length && count(diff.added.length, "added"),
    diff.changed.length && count(diff.changed.length, "changed"),
    diff.removed.length && count(diff.removed.length, "removed"),
    diff.reordered && "order changed",
  ]
    .filter(Boolean)
    .join(", ");
}

/** The publish confirmation: what changed, and that the whole set, in order, becomes the next version. */
export function publishQuestion(diff: DraftDiff, rules: number): string {
  const set = rules === 0 ? "An empty set (no rules)" : rules === 1 ? "The one rule" : `The ${rules} rules, in this order,`;
  return `${diffSummary(diff)}. ${set} ${rules > 1 ? "become" : "becomes"} a new version.`;
}

/** Errors of one rule's common parts, keyed `name` and `condition.<path>`; each kind adds its own. */
export function baseRuleErrors(rule: RuleBase): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!rule.name.trim()) errors.name = "A rule needs a name";
  else if (rule.name.trim().length > 200) errors.name = "At most 200 characters";
  for (const [path, message] of Object.entries(conditionErrors(rule.condition))) errors[`condition.${path}`] = message;
  return errors;
}

/** The parts every rule sends: trimmed name, typed condition values, an empty description as none. */
export function basePayload(rule: RuleBase): Required<Omit<RuleBase, "id">> & { id?: string } {
  return {
    ...(rule.id ? { id: rule.id } : {}),
    name: rule.name.trim(),
    description: rule.description?.trim() || null,
    condition: normaliseCondition(asCondition(rule.condition)),
    active: rule.active !== false,
  };
}

/**
 * A rejected publish's field errors (`rules.2.condition.all.0.value: …`) as lines naming the rule
 * they belong to, in the draft's order.
 */
export function publishErrorLines(errors: Record<string, string>, names: readonly string[]): string[] {
  return Object.entries(errors).map(([path, message]) => {
    const m = /^rules\.(\d+)\.?(.*)$/.exec(path);
    if (!m) return `${path}: ${message}`;
    const name = names[Number(m[1])] ?? `rule ${Number(m[1]) + 1}`;
    return `“${name}”${m[2] ? ` (${m[2]})` : ""}: ${message}`;
  });
}
