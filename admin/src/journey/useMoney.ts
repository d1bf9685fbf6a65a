import { useMemo } from "react";
import { readUser } from "../auth/session.ts";
import { type MoneySettings, formatMoney, formatShortMoney, moneySettings } from "./moneyModel.ts";

/**
 * The tenant's currency and locale. The session's profile carries them when the API sends them
 * (`tenant_currency` / `tenant_locale`, or `currency` / `locale`); otherwise INR in en-IN, the
 * tenants table's defaults.
 */
export function useMoney(): MoneySettings & {
  money: (v: unknown, currency?: string | null) => string;
  short: (v: unknown, symbol?: boolean) => string;
} {
  const user = readUser() as (Record<string, unknown> & object) | null;
  const currency = user?.tenant_currency ?? user?.currency;
  const locale = user?.tenant_locale ?? user?.locale;
  return useMemo(() => {
    const settings = moneySettings({ currency, locale });
    return { ...settings, money: (v, c) => formatMoney(v, settings, c), short: (v, symbol) => formatShortMoney(v, settings, symbol) };
  }, [currency, locale]);
}
