import type { CanonicalLead } from "../../../core/lead/canonical.ts";
import { fromCanonical } from "./canonical.ts";

/** One adapter per payload format, each turning the sender's payload into a canonical lead. */
export const adapters: Record<string, (payload: unknown) => CanonicalLead> = {
  canonical: fromCanonical,
};
