import { type I18nProvider, defaultI18nProvider } from "react-admin";

// A few of react-admin's English messages in the words the console's users use; everything else unchanged.
const OVERRIDES: Record<string, (count: number) => string> = {
  // The API signs people in by email; react-admin's login form calls that field "username".
  "ra.auth.username": () => "Email",
  "ra.notification.created": () => "Saved",
  "ra.notification.updated": (n) => (n > 1 ? `${n} records updated` : "Changes saved"),
  "ra.notification.deleted": (n) => (n > 1 ? `${n} records deleted` : "Deleted"),
  // The API answers 404 alike for a record that does not exist and for another rep's lead or deal (ids reveal
  // nothing), so the console can say no more than this without leaking whose it is.
  "ra.notification.item_doesnt_exist": () => "Not found, or not yours: reps see their own leads and deals (ask a manager to reassign it)",
  "ra.message.access_denied": () => "Your role may not open this page; ask an admin if you need it.",
};

export const i18nProvider: I18nProvider = {
  ...defaultI18nProvider,
  translate: (key, options) => {
    const override = OVERRIDES[key];
    return override ? override(Number(options?.smart_count ?? 1)) : defaultI18nProvider.translate(key, options);
  },
};
