import { canonicalEmail, nationalNumber, normalizeCompany } from "../lead/normalize.ts";
import { dedupColumns } from "./columns.ts";
import { emailKey, matchKeys } from "./keys.ts";

/**
 * The lead columns a merge reconciles, in the order a person reads them (the review screen shows
 * them so). Identity, status, owner, score and history are the surviving lead's own.
 */
export const MERGE_FIELDS = [
  "first_name",
  "last_name",
  "email",
  "phone_e164",
  "alt_phone",
  "company",
  "job_title",
  "website",
  "industry",
  "gstin",
  "address",
  "city",
  "state",
  "country",
  "postal_code",
  "language",
  "budget",
  "budget_currency",
  "authority",
  "need",
  "timeline",
  "product_interest",
  "message",
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** Columns derived from a merge field, rewritten with it. */
const DERIVED: Partial<Record<MergeField, (v: unknown) => Record<string, unknown>>> = {
  email: (v) => ({ email_canonical: v ? canonicalEmail(String(v)) : null }),
  phone_e164: (v) => ({ phone: v ?? null, phone_national: nationalNumber((v as string | null) ?? null) }),
  company: (v) => ({ company_normalized: normalizeCompany(v as string | null) }),
};

export const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
const same = (a: unknown, b: unknown) =>
  String(a ?? "")
    .trim()
    .toLowerCase() ===
  String(b ?? "")
    .trim()
    .toLowerCase();

export interface FieldPlan {
  /** Values written to the surviving lead. */
  taken: Record<string, unknown>;
  /** What those columns held before (for undo). */
  before: Record<string, unknown>;
  /** The other record's values that differ and were not taken (kept on the submission/merge). */
  notTaken: Record<string, unknown>;
}

/**
 * Which values the surviving lead takes from the other record: by default only where its own is
 * empty; `choices` ("other" per field) take the other's value over its own. A second phone that is
 * not taken becomes the alt phone when that is free.
 */
export function planFields(
  survivor: Record<string, unknown>,
  other: Record<string, unknown>,
  choices: Partial<Record<string, "survivor" | "other">> = {},
): FieldPlan {
  const plan: FieldPlan = { taken: {}, before: {}, notTaken: {} };
  for (const f of MERGE_FIELDS) {
    const mine = survivor[f];
    const theirs = other[f];
    if (isEmpty(theirs) || same(mine, theirs)) continue;
    const take = choices[f] ? choices[f] === "other" : isEmpty(mine);
    if (take) {
      plan.taken[f] = theirs;
      plan.before[f] = mine ?? null;
    } else {
      plan.notTaken[f] = theirs;
    }
  }
  const phone = plan.notTaken.phone_e164;
  if (phone && isEmpty(survivor.alt_phone) && !("alt_phone" in plan.taken) && phone !== survivor.phone_e164) {
    plan.taken.alt_phone = phone;
    plan.before.alt_phone = survivor.alt_phone ?? null;
    delete plan.notTaken.phone_e164;
  }
  keepContactPoints(survivor, plan);
  return plan;
}

/** The lead's columns of contact points kept from merges (migration 25). */
export const CONTACT_POINTS = ["additional_emails", "additional_phones"] as const;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && !!x.trim()) : []);

/**
 * An email or phone the other record brings that the survivor lacks is not left on the submission
 * only: it becomes one of the lead's additional emails or phones (searched by dedup, shown on the
 * lead). The ones the survivor already has, as its own or as additional, are not repeated.
 */
function keepContactPoints(survivor: Record<string, unknown>, plan: FieldPlan): void {
  const emails = list(survivor.additional_emails);
  const email = plan.notTaken.email;
  const known = new Set([survivor.email, ...emails].map((e) => emailKey(e as string | null)).filter(Boolean));
  if (typeof email === "string" && emailKey(email) && !known.has(emailKey(email))) {
    plan.taken.additional_emails = [...emails, email.trim()];
    plan.before.additional_emails = emails;
    delete plan.notTaken.email;
  }
  const phones = list(survivor.additional_phones);
  const have = new Set([survivor.phone_e164, survivor.alt_phone, plan.taken.alt_phone, ...phones].filter(Boolean));
  const more = (["phone_e164", "alt_phone"] as const).flatMap((f) => {
    const v = plan.notTaken[f];
    return typeof v === "string" && /^\+\d{8,15}$/.test(v) && !have.has(v) ? [[f, v] as const] : [];
  });
  if (more.length) {
    plan.taken.additional_phones = [...new Set([...phones, ...more.map(([, v]) => v)])];
    plan.before.additional_phones = phones;
    for (const [f] of more) delete plan.notTaken[f];
  }
}

/** The update a plan makes: its values, the columns derived from them, and fresh matching keys. */
export function planUpdate(survivor: Record<string, unknown>, plan: FieldPlan, region: string): Record<string, unknown> {
  const update: Record<string, unknown> = { ...plan.taken };
  for (const [f, v] of Object.entries(plan.taken)) Object.assign(update, DERIVED[f as MergeField]?.(v));
  const merged = Object.assign({}, survivor, update); // not a literal of two spreads: V8 builds a wide row that way ~25× slower
  return { ...update, ...dedupColumns(matchKeys(merged as never, { region })) };
}
