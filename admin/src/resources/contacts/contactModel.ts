// Contacts as the console shows them; pure helpers, unit-tested.
import { choicesOf } from "../../components/toneModel.ts";
import { CONTACT_CHANNELS, CONTACT_ROLES as ROLES } from "../../../../core/vocabulary.ts";

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

export const CONTACT_ROLES = choicesOf(ROLES, {
  decision_maker: ["Decision maker", "violet"],
  influencer: ["Influencer", "blue"],
  user: ["User", "grey"],
});

export const CHANNELS = choicesOf(CONTACT_CHANNELS, {
  whatsapp: ["WhatsApp", "green"],
  email: ["Email", "blue"],
  phone: ["Phone", "indigo"],
});

/** A contact's name, else how to reach them: a contact made from a phone-only lead has no name. */
export function contactName(c: Pick<Contact, "first_name" | "last_name" | "email" | "phone">): string {
  return [c.first_name, c.last_name].filter(Boolean).join(" ") || c.email || c.phone || "Unnamed contact";
}
