import { decrypt, encrypt } from "./crypto.ts";
import { assertSavedUrl } from "./outbound.ts";
import { VENDOR_SECRETS, VENDOR_URL_SETTINGS, type VendorSecret } from "./capture/index.ts";

/** Vendor settings that are secrets: stored encrypted, accepted on write, never answered. Each vendor module in core/capture/ names its own. */
export const SECRET_SETTINGS: readonly VendorSecret[] = VENDOR_SECRETS.map((s) => s.key);
export type SecretSetting = VendorSecret;
export type PartnerSecrets = Partial<Record<SecretSetting, string>>;

/** Settings that are where the worker calls a vendor (the page token or CRM key goes along); named by the vendor modules too. */
export const URL_SETTINGS: readonly string[] = VENDOR_URL_SETTINGS.map((s) => s.key);

/**
 * A vendor base URL must be https (http only while private addresses are allowed, for a local
 * fake), bare (a trailing ? or # would let it reach any path), without a user, and not a private
 * literal address; 422 invalid_url naming the setting otherwise.
 */
export function checkUrlSettings(update: Record<string, unknown>, allowPrivate: boolean): void {
  for (const k of URL_SETTINGS) {
    const v = update[k];
    if (typeof v === "string" && v !== "") assertSavedUrl(`settings.${k}`, v, { allowPrivate, requireHttps: true, bare: true });
  }
}

export const isSecretSetting = (k: string): k is SecretSetting => (SECRET_SETTINGS as readonly string[]).includes(k);

export function openSecrets(key: Buffer, sealed: string | null): PartnerSecrets {
  return sealed ? (JSON.parse(decrypt(key, sealed)) as PartnerSecrets) : {};
}

/**
 * Splits a settings update into plain settings and secrets, merged over what is stored. A secret
 * set to null or "" is removed.
 */
export function mergeSettings(
  key: Buffer,
  stored: { settings: Record<string, unknown>; secrets_enc: string | null },
  update: Record<string, unknown>,
): { settings: Record<string, unknown>; secrets_enc: string | null } {
  const settings = { ...stored.settings };
  const secrets = openSecrets(key, stored.secrets_enc);
  for (const [k, v] of Object.entries(update)) {
    if (k === "secrets_configured") continue;
    if (isSecretSetting(k)) {
      if (v === null || v === "") delete secrets[k];
      else secrets[k] = String(v);
    } else if (v === null) delete settings[k];
    else settings[k] = v;
  }
  // The names of the secrets that are set (never their values), so the console can say "set".
  settings.secrets_configured = Object.keys(secrets).sort();
  return { settings, secrets_enc: Object.keys(secrets).length ? encrypt(key, JSON.stringify(secrets)) : null };
}
