import { DateField, type DateFieldProps } from "react-admin";
import { readUser } from "../auth/session.ts";
import { DATE_OPTIONS, DATE_TIME_OPTIONS, formatDate, tenantLocale } from "./dates.ts";

/** The tenant's locale from the session (the login and /me answers carry `tenant_locale`). */
export function useTenantLocale(): string {
  return tenantLocale(readUser() as { tenant_locale?: unknown } | null);
}

/** A date (with `time`, its time of day too) in the tenant's format, where a hook cannot go (tooltips in a map, chart labels). */
export function tenantDate(value: unknown, options: { time?: boolean } = {}): string {
  return formatDate(value, tenantLocale(readUser() as { tenant_locale?: unknown } | null), options);
}

/** react-admin's DateField in the console's one date format (components/dates.ts), in the tenant's locale; `seconds` for logs. */
export function TenantDateField({ seconds, ...props }: Omit<DateFieldProps, "locales" | "options"> & { seconds?: boolean }) {
  const locale = useTenantLocale();
  const options = props.showTime ? { ...DATE_TIME_OPTIONS, ...(seconds ? { second: "2-digit" as const } : {}) } : DATE_OPTIONS;
  return <DateField {...props} locales={locale} options={options} />;
}
