import { canonicalLeadSchema, type CanonicalLead } from "../../../core/lead/canonical.ts";

/** Our own format: the payload already is a canonical lead (the API checked it; check again, cheaply). */
export function fromCanonical(payload: unknown): CanonicalLead {
  return canonicalLeadSchema.parse(payload);
}
