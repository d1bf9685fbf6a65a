// Contacts as the console shows them; pure helpers, unit-tested.
import type { Choice } from "../../components/toneModel.ts";

export interface Contact {
  id: string;
  account_id: string | null;
  first_name: string | null;
  last_name: string | null;
  job_title: string | null;
  email: string | null;
  phone: string | null;
  phone_e164?: string | null;
  is_primary: boolean;
  lead_id: string | null;
  [field: string]: unknown;
}

export const CONTACT_ROLES: readonly Choice[] = [
  { id: "decision_maker", name: "Decision maker", tone: "violet" },
  { id: "influencer", name: "Influencer", tone: "blue" },
  { id: "user", name: "User", tone: "grey" },
];

export const CHANNELS: readonly Choice[] = [
  { id: "whatsapp", name: "WhatsApp", tone: "green" },
  { id: "email", name: "Email", tone: "blue" },
  { id: "phone", name: "Phone", tone: "indigo" },
];

/** A contact's name, else how to reach them: a contact made from a phone-only lead has no name. */
export function contactName(c: Pick<Contact, "first_name" | "last_name" | "email" | "phone">): string {
  return [c.first_name, c.last_name].filter(Boolean).join(" ") || c.email || c.phone || "Unnamed contact";
}
