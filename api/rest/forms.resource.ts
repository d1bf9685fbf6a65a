import { randomBytes } from "node:crypto";
import { z } from "zod";
import { webUrl } from "../../core/schemas.ts";
import type { ResourceSpec } from "./resource.ts";
import { PERMISSIONS } from "../../core/permissions.ts";

const fieldSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w.-]+$/, "letters, digits, _ . - only"),
  label: z.string().max(200).optional(),
  type: z.enum(["text", "email", "tel", "textarea", "select", "checkbox", "number", "url", "hidden"]).default("text"),
  required: z.boolean().default(false),
  maps_to: z.string().max(120).optional(),
  options: z.array(z.string().max(200)).max(100).optional(),
});

const origin = z
  .string()
  .max(300)
  .regex(/^https?:\/\/[^/\s]+$|^\*$/, "an origin like https://www.example.com");

export const formWriteSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  fields: z.array(fieldSchema).max(100).optional(),
  allowed_origins: z.array(origin).max(50).optional(),
  redirect_url: webUrl.max(2000).nullish(),
  thank_you_message: z.string().max(2000).nullish(),
  consent_text: z.string().max(2000).nullish(),
  source: z.string().max(200).nullish(),
  subsource: z.string().max(200).nullish(),
  campaign: z.string().max(200).nullish(),
  honeypot_field: z
    .string()
    .max(100)
    .regex(/^[\w.-]+$/)
    .nullish(),
  sequence_id: z.uuid().nullish(),
  owner_id: z.uuid().nullish(),
  is_active: z.boolean().optional(),
});

/** The fields a form has when its builder has not chosen any. */
export const DEFAULT_FORM_FIELDS = [
  { name: "name", label: "Full name", type: "text", required: true, maps_to: "name" },
  { name: "email", label: "Email", type: "email", required: false, maps_to: "email" },
  { name: "phone", label: "Mobile number", type: "tel", required: false, maps_to: "phone" },
  { name: "company", label: "Company", type: "text", required: false, maps_to: "company" },
  { name: "message", label: "How can we help?", type: "textarea", required: false, maps_to: "message" },
];

const COLUMNS = [
  "id",
  "name",
  "key",
  "description",
  "fields",
  "allowed_origins",
  "redirect_url",
  "thank_you_message",
  "consent_text",
  "source",
  "subsource",
  "campaign",
  "honeypot_field",
  "sequence_id",
  "owner_id",
  "is_active",
  "last_submission_at",
  "created_at",
  "updated_at",
];

const jsonFields = (d: Record<string, unknown>) => (d.fields ? { ...d, fields: JSON.stringify(d.fields) } : d);

export function formsResource(): ResourceSpec {
  return {
    name: "forms",
    table: "forms",
    columns: COLUMNS,
    filters: ["is_active", "source", "campaign", "key"],
    ranges: ["created_at"],
    sortable: ["name", "created_at", "last_submission_at"],
    defaultSort: ["name", "asc"],
    search: { ilike: ["name", "description"] },
    readRoles: PERMISSIONS.web_forms.read,
    writeRoles: PERMISSIONS.web_forms.write,
    refs: { sequence_id: "sequences", owner_id: "users" },
    create: {
      schema: formWriteSchema,
      // The public key names the form in URLs: unguessable, URL-safe, shown in the embed snippet.
      toRow: (d) => ({
        ...jsonFields({ ...d, fields: d.fields ?? DEFAULT_FORM_FIELDS }),
        key: `f_${randomBytes(12).toString("base64url")}`,
        honeypot_field: d.honeypot_field === undefined ? "website_url" : d.honeypot_field,
      }),
    },
    update: { schema: formWriteSchema.partial(), toRow: (d) => jsonFields(d) },
    deletable: true,
  };
}
