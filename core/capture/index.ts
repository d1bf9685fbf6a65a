import type { Adapter } from "./types.ts";
import { canonicalAdapter } from "./canonical.ts";
import { genericAdapter } from "./generic.ts";
import { googleAdsAdapter } from "./google-ads.ts";
import { typeformAdapter } from "./typeform.ts";
import { hubspotAdapter } from "./hubspot.ts";
import { facebookAdapter } from "./facebook.ts";
import { indiamartAdapter } from "./indiamart.ts";

export { AdapterError, type Adapted, type Adapter, type AdapterInput, type PartnerSettings } from "./types.ts";
export { splitFacebookWebhook, type FacebookLeadgen } from "./facebook.ts";
export { indiamartResponseItems } from "./indiamart.ts";

/** One adapter per payload format, keyed by the format an inbound event was stored with. */
export const adapters: Record<string, Adapter> = Object.fromEntries(
  [canonicalAdapter, genericAdapter, googleAdsAdapter, typeformAdapter, hubspotAdapter, facebookAdapter, indiamartAdapter].map((a) => [a.format, a]),
);
