import { z } from "zod";

const text = (max: number) => z.string().max(max);
const optText = (max = 200) => text(max).nullish();

/**
 * The canonical lead: what `POST /ingest/leads` takes and what every vendor adapter produces.
 * Strict: unknown keys (and machine-owned ones such as tenant_id or lead_score) are refused, so a
 * typo in a partner's integration is caught on day one instead of silently dropping data.
 */
export const canonicalLeadSchema = z
  .object({
    name: optText().describe("Full name; split into first and last when those are absent"),
    first_name: optText(),
    last_name: optText(),
    email: optText(320),
    phone: optText(40),
    alt_phone: optText(40),
    company: optText(300),
    job_title: optText(),
    website: optText(500),
    industry: optText(),
    gstin: optText(20),
    address: optText(1000),
    city: optText(),
    state: optText(),
    country: optText(100).describe("Country name or ISO 3166 code; also the phone region when given"),
    postal_code: optText(20),
    language: optText(50),
    source: optText(),
    subsource: optText(),
    campaign: optText(),
    utm_source: optText(),
    utm_medium: optText(),
    utm_campaign: optText(),
    utm_term: optText(),
    utm_content: optText(),
    referrer: optText(2000),
    landing_page: optText(2000),
    budget: z.union([z.number().nonnegative().max(1e13), text(50)]).nullish(),
    budget_currency: optText(3),
    authority: optText(),
    need: optText(2000),
    timeline: optText(),
    product_interest: optText(300),
    message: optText(10_000),
    gdpr_consent: z.boolean().nullish(),
    dnd: z.boolean().nullish(),
    tags: z.array(text(100)).max(50).nullish(),
    custom_fields: z.record(z.string().max(100), z.unknown()).nullish(),
    external_id: optText(200).describe("The sender's own id for this lead"),
  })
  .strict();

export type CanonicalLead = z.infer<typeof canonicalLeadSchema>;
