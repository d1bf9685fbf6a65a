// Money in the tenant's currency and locale. Pure: the hook in useMoney.ts reads the tenant's settings.

export interface MoneySettings {
  /** ISO 4217, e.g. "INR". */
  currency: string;
  /** BCP 47, e.g. "en-IN". */
  locale: string;
}

export const DEFAULT_MONEY: MoneySettings = { currency: "INR", locale: "en-IN" };

/** A number from the API (numbers, numeric strings from decimals); anything else is null. */
export function toAmount(value: unknown): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The tenant's settings from whatever carries them (session user, tenant row), defaults where unset or invalid. */
export function moneySettings(
  source: { currency?: unknown; locale?: unknown; tenant_currency?: unknown; tenant_locale?: unknown } | null | undefined,
): MoneySettings {
  const currency = String(source?.tenant_currency ?? source?.currency ?? "")
    .trim()
    .toUpperCase();
  const locale = String(source?.tenant_locale ?? source?.locale ?? "").trim();
  return {
    currency:
      /^[A-Z]{3}$/.test(currency) && supported(() => new Intl.NumberFormat("en", { style: "currency", currency }))
        ? currency
        : DEFAULT_MONEY.currency,
    locale: locale && supported(() => new Intl.NumberFormat(locale)) ? locale : DEFAULT_MONEY.locale,
  };
}

function supported(make: () => unknown): boolean {
  try {
    make();
    return true;
  } catch {
    return false;
  }
}

const cache = new Map<string, Intl.NumberFormat>();
function fmt(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/**
 * The full amount: en-IN INR 45000000 → "₹4,50,00,000". Whole amounts without paise, others with two
 * decimals; null/invalid → "—". `currency` overrides the tenant's when a record carries its own.
 */
export function formatMoney(value: unknown, settings: MoneySettings = DEFAULT_MONEY, currency?: string | null): string {
  const n = toAmount(value);
  if (n === null) return "—";
  const code = (currency || settings.currency).toUpperCase();
  const digits = Math.round(n * 100) % 100 === 0 ? 0 : 2;
  try {
    return fmt(settings.locale, { style: "currency", currency: code, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
      n,
    );
  } catch {
    return `${code} ${formatNumber(n, settings)}`;
  }
}

/** A plain grouped number in the tenant's locale (en-IN: 1,23,456). */
export function formatNumber(value: unknown, settings: MoneySettings = DEFAULT_MONEY, maxDigits = 2): string {
  const n = toAmount(value);
  if (n === null) return "—";
  return fmt(settings.locale, { maximumFractionDigits: maxDigits }).format(n);
}

const trim = (n: number, digits: number) => String(Number(n.toFixed(digits)));

/** True where amounts are read in lakh and crore: Indian locales (and INR anywhere). */
export function usesLakhCrore(settings: MoneySettings): boolean {
  return /-IN$/i.test(settings.locale) || settings.currency === "INR";
}

/**
 * The short form for tiles and chart axes: 45000000 → "4.5 Cr", 4500000 → "45 L", 12500 → "12,500"
 * (Indian); elsewhere the locale's compact notation ("45M"). `symbol` prefixes the currency's
 * symbol ("₹4.5 Cr").
 */
export function formatShortMoney(value: unknown, settings: MoneySettings = DEFAULT_MONEY, symbol = false): string {
  const n = toAmount(value);
  if (n === null) return "—";
  const sign = n < 0 ? "-" : "";
  const abs = Math.abs(n);
  let body: string;
  if (usesLakhCrore(settings)) {
    if (abs >= 1e7) body = `${trim(abs / 1e7, abs >= 1e9 ? 0 : 2)} Cr`;
    else if (abs >= 1e5) body = `${trim(abs / 1e5, 2)} L`;
    else body = fmt(settings.locale.endsWith("-IN") ? settings.locale : "en-IN", { maximumFractionDigits: 0 }).format(Math.round(abs));
  } else {
    body = fmt(settings.locale, { notation: "compact", maximumFractionDigits: 1 }).format(abs);
  }
  return `${sign}${symbol ? currencySymbol(settings) : ""}${body}`;
}

/** "₹" for INR in en-IN, "$" for USD in en-US; the code itself when the locale has no symbol. */
export function currencySymbol(settings: MoneySettings = DEFAULT_MONEY): string {
  try {
    const part = fmt(settings.locale, { style: "currency", currency: settings.currency })
      .formatToParts(0)
      .find((p) => p.type === "currency");
    return part?.value ?? settings.currency;
  } catch {
    return settings.currency;
  }
}

/** 0..1 (or a percent when `isPercent`) → "12.5%"; null → "—". */
export function formatPercent(value: unknown, isPercent = false): string {
  const n = toAmount(value);
  if (n === null) return "—";
  const pct = isPercent ? n : n * 100;
  return `${pct.toFixed(1).replace(/\.0$/, "")}%`;
}
