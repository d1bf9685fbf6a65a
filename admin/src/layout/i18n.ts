import { type I18nProvider, defaultI18nProvider } from "react-admin";

// A few of react-admin's English messages in the words the console's users use; everything else unchanged.
const OVERRIDES: Record<string, (count: number) => string> = {
  // The API signs people in by email; react-admin's login form calls that field "username".
  "ra.auth.username": () => "Email",
  "ra.notification.created": () => "Saved",
  "ra.notification.updated": (n) => (n > 1 ? `${n} records updated` : "Changes saved"),
  "ra.notification.deleted": (n) => (n > 1 ? `${n} records deleted` : "Deleted"),
};

export const i18nProvider: I18nProvider = {
  ...defaultI18nProvider,
  translate: (key, options) => {
    const override = OVERRIDES[key];
    return override ? override(Number(options?.smart_count ?? 1)) : defaultI18nProvider.translate(key, options);
  },
};
