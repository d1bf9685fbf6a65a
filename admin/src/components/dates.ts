// Dates as the tenant writes them: one format for the whole console, from the tenant's locale
// (`tenant_locale` on the session: en-IN → "6 Dec 2026", en-US → "Dec 6, 2026"). Pure, unit-tested;
// `useTenantLocale` and `<TenantDateField>` bring it to pages.

export const DEFAULT_LOCALE = "en-IN";

/** Day, short month, year: unambiguous in every locale (no 12/6 vs 6/12). */
export const DATE_OPTIONS: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: "numeric" };
/** The same with the time of day. */
export const DATE_TIME_OPTIONS: Intl.DateTimeFormatOptions = { ...DATE_OPTIONS, hour: "numeric", minute: "2-digit" };

/** The tenant's locale from whatever carries it (the session's user), the default where unset or unknown to Intl. */
export function tenantLocale(source: { tenant_locale?: unknown; locale?: unknown } | null | undefined): string {
  const locale = String(source?.tenant_locale ?? source?.locale ?? "").trim();
  if (!locale) return DEFAULT_LOCALE;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length ? locale : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** A date-only value ("2026-12-06") is a calendar day, not midnight UTC: read it as the local day. */
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === "") return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const text = String(value);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "6 Dec 2026" (en-IN); with `time`, "6 Dec 2026, 5:24 pm". Empty for no date or an unreadable one. */
export function formatDate(value: unknown, locale: string = DEFAULT_LOCALE, { time = false }: { time?: boolean } = {}): string {
  const date = toDate(value);
  return date ? new Intl.DateTimeFormat(locale, time ? DATE_TIME_OPTIONS : DATE_OPTIONS).format(date) : "";
}

/** "1 Nov 2026 – 6 Dec 2026": a report's range as a caption. */
export function formatDateRange(from: unknown, to: unknown, locale: string = DEFAULT_LOCALE): string {
  const a = formatDate(from, locale);
  const b = formatDate(to, locale);
  return a && b ? `${a} – ${b}` : a || b;
}
