import { choicesOf } from "../../components/toneModel.ts";
import { NOTIFY_NEW_LEADS, ROLES } from "../../../../core/vocabulary.ts";

export const USER_ROLES = choicesOf(ROLES, {
  admin: ["Admin", "red"],
  manager: ["Manager", "violet"],
  rep: ["Sales rep", "blue"],
  marketer: ["Marketer", "teal"],
});

const COMMON_ZONES = ["Asia/Kolkata", "Asia/Dubai", "Asia/Singapore", "Europe/London", "America/New_York", "UTC"];

/** Common zones first for an Indian team, then every IANA zone the browser knows (the API checks none). */
export function timeZoneChoices(all: readonly string[] = supportedZones()): { id: string; name: string }[] {
  const rest = all.filter((z) => !COMMON_ZONES.includes(z));
  return [...COMMON_ZONES, ...rest].map((id) => ({ id, name: id }));
}

function supportedZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: "timeZone") => string[] };
  return intl.supportedValuesOf?.("timeZone") ?? [];
}

export const TIME_ZONES = timeZoneChoices();

/** When a rep hears about a lead assigned to them. */
export const NOTIFY_CHOICES = choicesOf(NOTIFY_NEW_LEADS, {
  immediate: ["Email each new lead", "green"],
  digest: ["Hourly digest", "blue"],
  off: ["No email", "grey"],
});

/** A new user's password: the API's minimum is 8 characters; one word from a keyboard row is not enough. */
export function validatePassword(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length < 8) return "At least 8 characters";
  if (/^(.)\1+$/.test(value)) return "Use more than one repeated character";
  return undefined;
}

/** Capacity is "most open leads at once"; empty means the user takes any number. */
export function capacityLabel(capacity: unknown): string {
  const n = Number(capacity);
  return capacity === null || capacity === undefined || capacity === "" || !Number.isFinite(n) ? "No cap" : String(n);
}
