import { canonicalLeadSchema } from "../lead/canonical.ts";
import type { Adapter } from "./types.ts";
import { clip, isObject } from "./lead-builder.ts";

/**
 * Our own format: the payload already is a canonical lead (the API checked it; check again,
 * cheaply). Strict on purpose: `POST /ingest/leads` promises to refuse unknown keys, so a
 * partner's typo fails loudly here instead of being guessed at (that is what `generic` is for).
 */
export const canonicalAdapter: Adapter = {
  format: "canonical",

  vendorId(payload) {
    return isObject(payload) && typeof payload.external_id === "string" && payload.external_id.trim() ? payload.external_id : null;
  },

  adapt({ payload, partner }) {
    const lead = canonicalLeadSchema.parse(payload);
    if (lead.source == null && partner.settings.default_source) lead.source = clip(partner.settings.default_source, 200);
    return { lead, vendorId: canonicalAdapter.vendorId(payload), isTest: false, unmapped: [] };
  },
};
