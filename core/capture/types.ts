import type { CanonicalLead } from "../lead/canonical.ts";

/** Per-partner settings an adapter may use (kept on the partner record; secrets never reach adapters). */
export interface PartnerSettings {
  /** generic format: sender's field name → canonical lead field (or "custom_fields.<name>"). */
  field_mapping?: Record<string, string>;
  default_source?: string | null;
}

export interface AdapterInput {
  /** The stored payload: parsed JSON, or an object made from form-encoded / XML bodies. */
  payload: unknown;
  partner: { name: string; settings: PartnerSettings };
}

/** What one vendor payload means, in our terms. */
export interface Adapted {
  lead: CanonicalLead;
  /** The vendor's own id for this lead: a retry with the same id is a no-op. */
  vendorId: string | null;
  /** A vendor test lead (Google's is_test, a Typeform test submission): kept apart, never routed. */
  isTest: boolean;
  /** Fields the sender sent that no mapping uses: shown as schema drift on the source's health view. */
  unmapped: string[];
  /** The consent record as the vendor sent it (HubSpot legalConsentOptions), kept verbatim. */
  consent?: unknown;
}

/** A payload that cannot be read as a lead at all; the event ends rejected with this code. */
export class AdapterError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export interface Adapter {
  format: string;
  /** Cheap: the vendor id straight from the payload, used by the API to answer a retry 200. */
  vendorId(payload: unknown): string | null;
  adapt(input: AdapterInput): Adapted;
}
