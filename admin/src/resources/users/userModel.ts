import type { Choice } from "../../components/toneModel.ts";

export const USER_ROLES: readonly Choice[] = [
  { id: "admin", name: "Admin", tone: "red" },
  { id: "manager", name: "Manager", tone: "violet" },
  { id: "rep", name: "Sales rep", tone: "blue" },
  { id: "marketer", name: "Marketer", tone: "teal" },
];

/** Common zones first for an Indian team; any IANA zone the API accepts can still be typed. */
export const TIME_ZONES = [
  "Asia/Kolkata",
  "Asia/Dubai",
  "Asia/Singapore",
  "Europe/London",
  "America/New_York",
  "UTC",
].map((id) => ({ id, name: id }));

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
