import { WEBHOOK_FORMATS, type WebhookFormat } from "../vocabulary.ts";
import type { Adapter, CaptureVendor, VendorSetting } from "./types.ts";
import { canonicalAdapter } from "./canonical.ts";
import { genericAdapter } from "./generic.ts";
import { googleAdsAdapter } from "./google-ads.ts";
import { typeformAdapter } from "./typeform.ts";
import { hubspotAdapter } from "./hubspot.ts";
import { facebookAdapter } from "./facebook.ts";
import { indiamartAdapter } from "./indiamart.ts";

export {
  AdapterError,
  type Adapted,
  type Adapter,
  type AdapterInput,
  type BodyKind,
  type CapturePartner,
  type CaptureVendor,
  type Delivery,
  type PartnerSettings,
  type VendorSetting,
} from "./types.ts";
export { splitFacebookWebhook, type FacebookLeadgen } from "./facebook.ts";
export { indiamartResponseItems } from "./indiamart.ts";

/**
 * The capture vendors, one module each, by the webhook format they serve. The formats themselves are
 * the shared vocabulary's (core/vocabulary.ts, which the console bundles): a format without its module,
 * or a module for a format the vocabulary does not name, does not compile. The webhook route, the test
 * payloads, the partner secrets and the console's vendor list all come from here (docs/extending.md).
 */
const vendors = {
  generic: genericAdapter,
  "google-ads": googleAdsAdapter,
  typeform: typeformAdapter,
  hubspot: hubspotAdapter,
  facebook: facebookAdapter,
  indiamart: indiamartAdapter,
} satisfies { [F in WebhookFormat]: CaptureVendor<F, string> };

type Vendor = (typeof vendors)[WebhookFormat];
export type VendorSecret = Vendor["secrets"][number]["key"];

/** The vendor modules in the vocabulary's order (the order the console lists them). */
export const captureVendors: readonly Vendor[] = WEBHOOK_FORMATS.map((format) => vendors[format]);

/** The formats `POST /ingest/webhooks/:partnerId/:format` takes. */
export { WEBHOOK_FORMATS, type WebhookFormat };

/** The vendor module for a webhook format, or undefined. */
export function vendorFor(format: string): CaptureVendor | undefined {
  return Object.hasOwn(vendors, format) ? vendors[format as WebhookFormat] : undefined;
}

/** Every vendor's partner secrets: stored encrypted, accepted on write, never answered (core/partners.ts). */
export const VENDOR_SECRETS: readonly VendorSetting<VendorSecret>[] = captureVendors.flatMap(
  (v): readonly VendorSetting<VendorSecret>[] => v.secrets,
);

/** Every vendor's base-URL settings (where the worker calls it). */
export const VENDOR_URL_SETTINGS: readonly VendorSetting[] = captureVendors.flatMap((v): readonly VendorSetting[] => v.urlSettings ?? []);

/**
 * One adapter per payload format, keyed by the format an inbound event was stored with: the vendors,
 * plus our own canonical format (`POST /ingest/leads`).
 */
export const adapters: Record<string, Adapter> = Object.fromEntries([canonicalAdapter, ...captureVendors].map((a) => [a.format, a]));

/** What the console shows of the vendors (names, proofs, settings): plain data, kept current by a test. */
export function vendorCatalogue() {
  return {
    formats: captureVendors.map((v) => ({ id: v.format, name: v.title, auth: v.authHelp })),
    secrets: VENDOR_SECRETS,
    urlSettings: VENDOR_URL_SETTINGS,
  };
}
