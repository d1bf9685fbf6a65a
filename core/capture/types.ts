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
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Adapter {
  format: string;
  /** Cheap: the vendor id straight from the payload, used by the API to answer a retry 200. */
  vendorId(payload: unknown): string | null;
  adapt(input: AdapterInput): Adapted;
}

/** The body encodings a webhook route can read (by Content-Type). */
export type BodyKind = "json" | "form" | "xml" | "multipart";

/** One delivery as the webhook route received it: what a vendor's authentication may look at. */
export interface Delivery {
  /** A request header by name (any case), or undefined. */
  header(name: string): string | undefined;
  /** A query parameter as the request carried it (a string, usually), or undefined. */
  query(name: string): unknown;
  /** The raw body, exactly as sent: signatures are over these bytes. */
  body: Buffer;
  nowSeconds: number;
  /** Whether the delivery carries one of the partner's API keys (`Authorization: Bearer` or `?key=`). */
  hasPartnerKey(): boolean;
}

/** The partner a delivery is addressed to, as a vendor's authentication sees it: only its own secrets. */
export interface CapturePartner<Secret extends string = string> {
  secrets: Readonly<Partial<Record<Secret, string>>>;
  /** The partner's leadhub signing secret (X-Leadhub-Signature). */
  signingSecret: string;
}

/** A partner setting a vendor needs, as the console asks for it. */
export interface VendorSetting<Key extends string = string> {
  key: Key;
  label: string;
  help: string;
}

/** One event to store out of a delivery that only names its leads (Meta): fetched and read later. */
export interface SplitEvent {
  payload: unknown;
  vendorId: string | null;
}

/**
 * Everything about one capture vendor, in its own file: `POST /ingest/webhooks/:partnerId/<format>`
 * reads the body kinds, authenticates, stores and enqueues with it, and intake maps the stored payload
 * with `adapt`. Register the module in core/capture/index.ts; nothing else names a vendor.
 */
export interface CaptureVendor<Format extends string = string, Secret extends string = string> extends Adapter {
  format: Format;
  /** The vendor as people call it (the console's partner page). */
  title: string;
  /** What a sender must prove, one line each, for the console's partner page. */
  authHelp: readonly string[];
  /** The body encodings accepted; anything else is 415. */
  bodyKinds: readonly BodyKind[];
  /** Partner secrets this vendor reads: stored encrypted, accepted on write, never answered. */
  secrets: readonly VendorSetting<Secret>[];
  /** Partner settings that are where the worker calls the vendor (checked as URLs when saved). */
  urlSettings?: readonly VendorSetting[];
  /**
   * Who sent it, before the body is read: throws `AppError` (unauthenticated) when the proof is missing
   * or wrong; answers a replay key (the same signed delivery replayed is stored once) or null.
   */
  authenticate(delivery: Delivery, partner: CapturePartner<Secret>): string | null;
  /** Proof carried inside the body (Google's google_key), checked once the body is parsed. */
  authenticatePayload?(payload: unknown, partner: CapturePartner<Secret>): void;
  /** A subscription handshake made with GET (Meta's hub.challenge): the text to answer, or throws. */
  challenge?(delivery: Delivery, partner: CapturePartner<Secret>): string;
  /**
   * For a vendor whose delivery names leads without carrying them (Meta): one event per lead, each
   * fetched by a job before intake; the delivery is answered 200 `{ids}` and not mapped at the edge.
   */
  split?(payload: unknown): SplitEvent[];
  /** A believable payload shaped as the vendor sends it (as stored): the console's "send test payload". */
  sample(stamp: number): unknown;
}

/** Declares a vendor module, keeping its format and secret names as literal types for the registry. */
export function captureVendor<const Format extends string, const Secret extends string = never>(
  vendor: CaptureVendor<Format, Secret>,
): CaptureVendor<Format, Secret> {
  return vendor;
}
