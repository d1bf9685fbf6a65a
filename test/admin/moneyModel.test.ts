import { describe, expect, it } from "vitest";
import {
  DEFAULT_MONEY,
  currencySymbol,
  formatMoney,
  formatNumber,
  formatPercent,
  formatShortMoney,
  moneySettings,
  toAmount,
} from "../../admin/src/journey/moneyModel.ts";

const usd = { currency: "USD", locale: "en-US" };

describe("money", () => {
  it("when an amount is formatted in en-IN rupees, then it is grouped in lakhs and crores without paise when whole", () => {
    expect(formatMoney(45000000)).toBe("₹4,50,00,000");
    expect(formatMoney("12500")).toBe("₹12,500");
    expect(formatMoney(1234.5)).toBe("₹1,234.50");
    expect(formatMoney(-250000)).toBe("-₹2,50,000");
    expect(formatMoney(0)).toBe("₹0");
  });

  it("when the tenant's currency and locale differ, then they are used, and a record's own currency wins", () => {
    expect(formatMoney(45000000, usd)).toBe("$45,000,000");
    expect(formatMoney(1000, DEFAULT_MONEY, "USD")).toBe("$1,000");
    expect(formatNumber(1234567)).toBe("12,34,567");
    expect(formatNumber(1234567, usd)).toBe("1,234,567");
  });

  it("when nothing or junk is given, then a dash shows rather than NaN", () => {
    expect(formatMoney(null)).toBe("—");
    expect(formatMoney("abc")).toBe("—");
    expect(formatShortMoney(undefined)).toBe("—");
    expect(formatPercent(null)).toBe("—");
    expect(toAmount("")).toBeNull();
    expect(toAmount("12.5")).toBe(12.5);
  });

  it("when the short form is asked for, then Indian amounts read in crore and lakh and small ones stay grouped", () => {
    expect(formatShortMoney(45000000)).toBe("4.5 Cr");
    expect(formatShortMoney(4500000)).toBe("45 L");
    expect(formatShortMoney(12500)).toBe("12,500");
    expect(formatShortMoney(100000)).toBe("1 L");
    expect(formatShortMoney(123456789)).toBe("12.35 Cr");
    expect(formatShortMoney(-4500000)).toBe("-45 L");
    expect(formatShortMoney(45000000, DEFAULT_MONEY, true)).toBe("₹4.5 Cr");
    expect(formatShortMoney(0)).toBe("0");
  });

  it("when the locale is not Indian, then the short form is the locale's compact notation", () => {
    expect(formatShortMoney(45000000, usd)).toBe("45M");
    expect(formatShortMoney(12500, usd, true)).toBe("$12.5K");
  });

  it("when the tenant's settings are read, then missing or invalid ones fall back to INR and en-IN", () => {
    expect(moneySettings(null)).toEqual({ currency: "INR", locale: "en-IN" });
    expect(moneySettings({ currency: "usd", locale: "en-US" })).toEqual({ currency: "USD", locale: "en-US" });
    expect(moneySettings({ tenant_currency: "EUR", tenant_locale: "de-DE", currency: "USD" })).toEqual({
      currency: "EUR",
      locale: "de-DE",
    });
    expect(moneySettings({ currency: "rupees", locale: "not a locale!!" })).toEqual({ currency: "INR", locale: "en-IN" });
    expect(currencySymbol()).toBe("₹");
  });

  it("when a rate is formatted, then small ones keep a decimal and percents can be passed as such", () => {
    expect(formatPercent(0.125)).toBe("12.5%");
    expect(formatPercent(0.45)).toBe("45%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(62.5, true)).toBe("62.5%");
    expect(formatPercent(0.05)).toBe("5%");
  });
});
