// A small fixed palette for chips and bars: every coloured thing in the console picks a tone by meaning,
// so "green" always reads as good and "red" as needs-attention across pages.
export type Tone = "blue" | "indigo" | "violet" | "green" | "teal" | "amber" | "orange" | "red" | "grey";

export interface ToneColors {
  bg: string;
  fg: string;
  solid: string;
}

export const TONES: Record<Tone, ToneColors> = {
  blue: { bg: "#dbeafe", fg: "#1e40af", solid: "#3b82f6" },
  indigo: { bg: "#e0e7ff", fg: "#3730a3", solid: "#6366f1" },
  violet: { bg: "#ede9fe", fg: "#5b21b6", solid: "#8b5cf6" },
  green: { bg: "#dcfce7", fg: "#166534", solid: "#22c55e" },
  teal: { bg: "#ccfbf1", fg: "#115e59", solid: "#14b8a6" },
  amber: { bg: "#fef3c7", fg: "#92400e", solid: "#f59e0b" },
  orange: { bg: "#ffedd5", fg: "#9a3412", solid: "#f97316" },
  red: { bg: "#fee2e2", fg: "#991b1b", solid: "#ef4444" },
  grey: { bg: "#f1f5f9", fg: "#475569", solid: "#94a3b8" },
};

export interface Choice {
  id: string;
  name: string;
  tone: Tone;
}

/**
 * A list from core/vocabulary.ts as choices, in the vocabulary's order. `looks` is a Record over the
 * list, so a value added there fails to compile here until it has a label and a tone.
 */
export function choicesOf<T extends string>(
  values: readonly T[],
  looks: Record<NoInfer<T>, readonly [name: string, tone: Tone]>,
): readonly (Choice & { id: T })[] {
  return values.map((id) => ({ id, name: looks[id][0], tone: looks[id][1] }));
}

/** Tone of a value in a choice list; unknown values (new enum members, typos in data) stay grey. */
export function toneOf(choices: readonly Choice[], value: unknown): Tone {
  return choices.find((c) => c.id === value)?.tone ?? "grey";
}

/** Label of a value in a choice list, or the value itself humanised when the list does not know it. */
export function labelOf(choices: readonly Choice[], value: unknown): string {
  const found = choices.find((c) => c.id === value);
  if (found) return found.name;
  return value == null || value === "" ? "—" : humanize(String(value));
}

/** `flagged_duplicate` → `Flagged duplicate`, `utm_source` → `Utm source`. */
export function humanize(key: string): string {
  const words = key
    .replace(/[_\-.]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .trim();
  if (!words) return key;
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}
