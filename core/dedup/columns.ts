import type { MatchKeys } from "./keys.ts";

/** The matching keys a lead row stores, so candidates are found with indexes (see migration 4). */
export interface DedupColumns {
  email_key: string | null;
  email_local: string | null;
  name_key: string | null;
  company_key: string | null;
  pan: string | null;
  /** Only when the keys were computed from a row that carries its additional emails. */
  additional_email_keys?: string[];
}

export function dedupColumns(keys: MatchKeys): DedupColumns {
  return {
    email_key: keys.emailKey,
    email_local: keys.emailLocal,
    name_key: keys.nameKey,
    company_key: keys.companyKey,
    pan: keys.pan,
    ...(keys.otherEmailKeys ? { additional_email_keys: keys.otherEmailKeys } : {}),
  };
}
