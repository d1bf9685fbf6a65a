import { genericAdapter } from "./generic.ts";
import type { Adapted } from "./types.ts";

/** What intake needs of a form to read its submissions. */
export interface FormSettings {
  name: string;
  fields: { name: string; maps_to?: string }[];
  source: string | null;
  subsource: string | null;
  campaign: string | null;
  honeypotField: string | null;
}

const UTM = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const;

function utmFromUrl(url: unknown): Record<string, string> {
  if (typeof url !== "string") return {};
  try {
    const params = new URL(url).searchParams;
    return Object.fromEntries(UTM.flatMap((k) => (params.get(k) ? [[k, params.get(k)!.slice(0, 200)]] : [])));
  } catch {
    return {};
  }
}

/**
 * A web-form submission: fields mapped by the form's builder (`maps_to`), then by well-known names;
 * UTM parameters from the fields or else from the page URL; source, subsource and campaign from the
 * form unless the submission says otherwise. A filled honeypot marks it as spam.
 */
export function adaptFormSubmission(payload: Record<string, unknown>, form: FormSettings): Adapted & { spam: boolean } {
  const honeypot = form.honeypotField ? payload[form.honeypotField] : undefined;
  const spam = typeof honeypot === "string" ? honeypot.trim() !== "" : honeypot != null && honeypot !== "";
  const fields = { ...payload };
  if (form.honeypotField) delete fields[form.honeypotField];
  const pageUrl = fields.page_url ?? fields.landing_page;
  delete fields.page_url;
  const field_mapping = Object.fromEntries(form.fields.filter((f) => f.maps_to).map((f) => [f.name, f.maps_to!]));

  const adapted = genericAdapter.adapt({ payload: fields, partner: { name: form.name, settings: { field_mapping } } });
  const lead = { ...adapted.lead };
  const fromPage = { ...utmFromUrl(pageUrl), ...utmFromUrl(lead.referrer) };
  for (const k of UTM) lead[k] ??= fromPage[k] ?? null;
  if (typeof pageUrl === "string") lead.landing_page ??= pageUrl.slice(0, 2000);
  lead.source ??= form.source ?? "web-form";
  lead.subsource ??= form.subsource ?? form.name.slice(0, 200);
  lead.campaign ??= form.campaign ?? lead.utm_campaign ?? null;
  return { ...adapted, lead, vendorId: null, spam };
}
