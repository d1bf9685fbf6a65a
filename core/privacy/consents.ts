import { sha256 } from "../crypto.ts";

/** What a lead's `gdpr_consent` agrees to: mail about the tenant's offers (and processing for it). */
export const MARKETING = "marketing";

/** Where a consent came from, as an inbound event (and its form's consent text) tells it. */
export interface ConsentSource {
  id: string;
  tenant_id: string;
  channel: string;
  form_id: string | null;
  partner_id: string | null;
  remote_ip?: string | null;
  form_consent_text?: string | null;
}

/**
 * The wording the person agreed to: the form's consent text, else the vendor's own consent record
 * (HubSpot's legalConsentOptions carry their text), kept as it came.
 */
export function consentWording(formText: string | null | undefined, vendorConsent: unknown): string | null {
  if (formText?.trim()) return formText;
  if (vendorConsent == null) return null;
  const v = vendorConsent as { consent?: { text?: unknown } };
  if (typeof v?.consent?.text === "string" && v.consent.text.trim()) return v.consent.text;
  return JSON.stringify(vendorConsent).slice(0, 4000);
}

/**
 * One consent record (table `consents`, append-only) for a lead that arrived with consent. The IP is
 * the visitor's only where we saw the visitor (a web form) or the vendor reported it; a partner's
 * server address says nothing about the person.
 */
export function consentRow(ev: ConsentSource, input: { leadId: string; now: Date; vendorConsent?: unknown; visitorIp?: unknown }) {
  const text = consentWording(ev.form_consent_text, input.vendorConsent);
  const ip = ev.channel === "form" ? ev.remote_ip : typeof input.visitorIp === "string" ? input.visitorIp : null;
  return {
    tenant_id: ev.tenant_id,
    lead_id: input.leadId,
    purpose: MARKETING,
    granted: true,
    text_version: text ? sha256(text).slice(0, 12) : null,
    text,
    source: ev.channel,
    form_id: ev.form_id,
    partner_id: ev.partner_id,
    inbound_event_id: ev.id,
    ip: ip ? String(ip).slice(0, 100) : null,
    occurred_at: input.now,
    created_at: input.now,
    updated_at: input.now,
  };
}
