// Behaviour points and decay (`GET/PUT /api/scoring_settings`), as the Scoring page edits them.

import type { Behaviour } from "../../../core/vocabulary.ts";

export type { Behaviour };

export interface ScoringSettings {
  behaviour: Record<Behaviour, number>;
  decay: { points: number; every_days: number } | null;
}

export interface ScoringSettingsResponse extends ScoringSettings {
  behaviours: Behaviour[];
  defaults: ScoringSettings;
}

export const BEHAVIOUR_LABELS: Record<Behaviour, string> = {
  email_opened: "Email opened",
  link_clicked: "Link clicked",
  email_replied: "Email replied",
  form_resubmitted: "Form submitted again",
  meeting: "Meeting held",
  site_visit: "Site visit",
  demo: "Demo",
};

export const behaviourLabel = (b: string): string => BEHAVIOUR_LABELS[b as Behaviour] ?? b.replace(/_/g, " ");

const whole = (x: unknown, min: number, max: number) => typeof x === "number" && Number.isInteger(x) && x >= min && x <= max;

/** The API's limits, keyed by its error paths (`behaviour.demo`, `decay.every_days`). */
export function settingsErrors(s: ScoringSettings): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [b, points] of Object.entries(s.behaviour))
    if (!whole(points, -100, 100)) errors[`behaviour.${b}`] = "Whole points from −100 to 100";
  if (s.decay) {
    if (!whole(s.decay.points, 0, 100)) errors["decay.points"] = "0 to 100 points";
    if (!whole(s.decay.every_days, 1, 365)) errors["decay.every_days"] = "1 to 365 days";
  }
  return errors;
}

export function sameSettings(a: ScoringSettings, b: ScoringSettings): boolean {
  const keys = Object.keys({ ...a.behaviour, ...b.behaviour }) as Behaviour[];
  if (keys.some((k) => a.behaviour[k] !== b.behaviour[k])) return false;
  return (a.decay?.points ?? null) === (b.decay?.points ?? null) && (a.decay?.every_days ?? null) === (b.decay?.every_days ?? null);
}

/** What the decay setting does, in one line under its inputs. */
export function decaySentence(decay: ScoringSettings["decay"]): string {
  if (!decay) return "Behaviour points never expire.";
  const days = decay.every_days === 1 ? "day" : `${decay.every_days} days`;
  return `A lead idle for ${days} loses ${decay.points} behaviour ${decay.points === 1 ? "point" : "points"}, and again for every ${days} after; rule points never decay.`;
}
