import { Transform } from "node:stream";
import { SECRET_SETTINGS } from "./partners.ts";

/**
 * What counts as a secret, in one place: every store a person can read (audit log, logs, stored
 * payloads, error texts, exports) passes through `redactSecrets` or `redactText` before it is
 * written or answered. A secret is recognised three ways:
 *
 * 1. by field name (`isSecretName`), for values in JSON and `name=value` / `name: value` pairs in text;
 * 2. by value: the caller's known secrets (the sending partner's vendor secrets and signing secret);
 * 3. by shape: our API keys and signing secrets, JWTs, bcrypt/argon2 hashes, Bearer tokens.
 */
export const REDACTED = "[redacted]";

/** A name whose last word is one of these names a secret (`password`, `new_password`, `verify_token`). */
const SECRET_WORDS = new Set([
  "password",
  "passwords",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "otp",
  "secret",
  "secrets",
  "token",
  "tokens",
  "apikey",
  "apikeys",
  "authorization",
  "cookie",
  "cookies",
  "signature",
  "credential",
  "credentials",
]);

/**
 * "key" alone is an identifier in leadhub and its vendors (idempotency_key, a form's public key,
 * the dedup email_key, Typeform variables[].key), so a key is a secret only when a word before it
 * says it is a credential (api_key, google_key, glusr_crm_key, private_key).
 */
const CREDENTIAL_KEY_QUALIFIERS = new Set([
  "api",
  "access",
  "secret",
  "private",
  "signing",
  "sign",
  "client",
  "app",
  "auth",
  "crm",
  "google",
  "license",
  "licence",
  "session",
  "encryption",
  "master",
  "partner",
  "webhook",
  "hmac",
  "consumer",
  "service",
  "subscription",
  "developer",
  "integration",
  "write",
  "admin",
]);

/**
 * Trailing words that name a form of the secret rather than a fact about it: `password_hash`,
 * `signing_secret_enc` and `password_confirmation` are secrets, `secrets_configured` (a list of
 * names) and `token_expires_at` are not.
 */
const FORM_SUFFIXES = new Set([
  "hash",
  "hashed",
  "digest",
  "enc",
  "encrypted",
  "ciphertext",
  "plain",
  "plaintext",
  "value",
  "raw",
  "b64",
  "base64",
  "hex",
  "header",
  "confirm",
  "confirmation",
  "again",
  "repeat",
  "new",
  "old",
  "current",
]);

/** Concatenated spellings (`apikey`, `authtoken`, `xhubsignature`): the long words are safe as suffixes. */
const SUFFIX_WORDS = [
  "password",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "apikey",
  "authorization",
  "cookie",
  "signature",
  "credential",
  "privatekey",
  "accesskey",
  "secretkey",
];

/**
 * Identifiers that share a secret's name: Typeform's `form_response.token` is the response id
 * (its documented "unique ID"), which dedup and replays key on.
 */
const IDENTIFIER_PATHS = new Set(["form_response.token"]);

const VENDOR_SECRETS = new Set<string>(SECRET_SETTINGS);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

// Payloads repeat the same few field names; bounded, since senders choose them.
const nameCache = new Map<string, boolean>();

/** Whether a field, header, column or parameter of this name holds a secret (case-insensitive). */
export function isSecretName(name: string): boolean {
  let answer = nameCache.get(name);
  if (answer === undefined) {
    if (nameCache.size >= 10_000) nameCache.clear();
    answer = judgeName(name);
    nameCache.set(name, answer);
  }
  return answer;
}

function judgeName(name: string): boolean {
  if (VENDOR_SECRETS.has(name.toLowerCase())) return true;
  const w = words(name);
  while (w.length > 1 && (FORM_SUFFIXES.has(w[w.length - 1]) || /^v?\d+$/.test(w[w.length - 1]))) w.pop();
  const last = w[w.length - 1];
  if (!last) return false;
  if (SECRET_WORDS.has(last)) return true;
  if ((last === "key" || last === "keys") && w.length > 1 && CREDENTIAL_KEY_QUALIFIERS.has(w[w.length - 2])) return true;
  return w.length === 1 && SUFFIX_WORDS.some((s) => last.endsWith(s));
}

/**
 * Credential shapes recognised anywhere in text: our partner API keys (`lh_` + 43 base64url) and
 * signing secrets (`whsec_`), JWTs (three base64url parts, JSON header `eyJ`), bcrypt and argon2
 * hashes, and Bearer/Basic credentials. A key prefix (`lh_` + 7, shown to tell keys apart) is too
 * short to match.
 */
const SHAPES = [
  /\b(?:lh|whsec)_[A-Za-z0-9_-]{32,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  /\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}/g,
  /\$argon2(?:id|i|d)\$[^\s"'$]*\$[^\s"'$]*\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+/g,
];
const SCHEME = /\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/=-]{12,}/gi;

/**
 * `name=value` (query strings, forms), `name: value` (headers) and `"name": "value"` (JSON, also
 * escaped inside a JSON string): the value goes when the name is a secret's. A header value with an
 * auth scheme keeps the scheme word and loses the credential.
 */
const PAIR =
  /(?<![\w.-])(\\?["']?)([A-Za-z_][\w.-]{0,79})\1([ \t]*[:=][ \t]*)(?:(\\")((?:[^"\\]|\\(?!")[\s\S])*)\\"|(")((?:[^"\\]|\\[\s\S])*)"|((?:(?:Bearer|Basic|Digest|Token)\s+)?[^\s&,;"'{}[\]\\][^\s&,;"'}\]\\]*))/gi;

/**
 * Cheap tests first: every secret name holds one of these words, every shape one of those marks.
 * Most texts (names, emails, messages) hold neither and skip the costlier patterns.
 */
const NAME_HINT = /pass|pwd|otp|secret|token|key|authorization|cookie|signature|credential/i;
const SHAPE_HINT = /lh_|whsec_|eyJ|\$2|\$argon|bearer|basic/i;

/** Known secrets shorter than this are not searched for in text: replacing "1234" everywhere would mangle data. */
export const MIN_KNOWN_SECRET_LENGTH = 6;

/** The known secrets worth searching for, with their URL-encoded spellings. */
export function knownSecretValues(values: Iterable<unknown>): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (typeof v !== "string" || v.length < MIN_KNOWN_SECRET_LENGTH) continue;
    out.add(v);
    const encoded = encodeURIComponent(v);
    if (encoded !== v) out.add(encoded);
  }
  // Longest first, so a secret containing another is replaced whole.
  return [...out].sort((a, b) => b.length - a.length);
}

function redactPairs(text: string): string {
  return text.replace(
    PAIR,
    (m, q: string, name: string, sep: string, escaped?: string, inEscaped?: string, quoted?: string, inQuoted?: string, bare?: string) => {
      if (!isSecretName(name)) {
        // A quoted value may itself be JSON text (a log line's serialised field): look inside it.
        if (escaped) return `${q}${name}${q}${sep}\\"${redactPairs(inEscaped!)}\\"`;
        if (quoted) return `${q}${name}${q}${sep}"${redactPairs(inQuoted!)}"`;
        return m;
      }
      let value: string;
      if (escaped) value = `\\"${REDACTED}\\"`;
      else if (quoted) value = `"${REDACTED}"`;
      // JSON literals hold nothing; a quoted name's bare value (a number) is quoted so JSON stays JSON.
      else if (/^(null|true|false)$/.test(bare!)) return m;
      else if (q.endsWith('"')) value = q.startsWith("\\") ? `\\"${REDACTED}\\"` : `"${REDACTED}"`;
      else value = /^(Bearer|Basic|Digest|Token)\s/i.test(bare!) ? `${bare!.split(/\s+/)[0]} ${REDACTED}` : REDACTED;
      return `${q}${name}${q}${sep}${value}`;
    },
  );
}

/** A text with every known secret, secret-named pair and credential shape replaced by `[redacted]`. */
export function redactText(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  if (NAME_HINT.test(out)) out = redactPairs(out);
  if (!SHAPE_HINT.test(out)) return out;
  for (const shape of SHAPES) out = out.replace(shape, REDACTED);
  return out.replace(SCHEME, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
}

/** Objects walked deeper than this are replaced whole: hostile nesting must not cost a stack overflow or a leak. */
const MAX_DEPTH = 64;

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * A copy of a JSON-like value with secrets replaced by `[redacted]`: values under secret names
 * (null and "" kept, so "cleared" stays visible), known secret values and credential shapes in
 * every string. What holds no secret is returned as is (same object), so callers can tell cheaply
 * whether anything changed. Non-plain objects (Dates, Buffers) are kept; cycles are cut.
 */
export function redactSecrets<T>(value: T, knownSecrets: Iterable<unknown> = []): T {
  return redactWith(value, knownSecretValues(knownSecrets));
}

/** `redactSecrets` with the known secrets already prepared by `knownSecretValues` (once per stream, not per row). */
function redactWith<T>(value: T, known: readonly string[]): T {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, parentKey: string, depth: number): unknown => {
    if (typeof v === "string") return redactText(v, known);
    if (v === null || typeof v !== "object") return v;
    if (depth > MAX_DEPTH || seen.has(v)) return REDACTED;
    if (Array.isArray(v)) {
      seen.add(v);
      let changed = false;
      const out = v.map((x) => {
        const y = walk(x, parentKey, depth + 1);
        if (y !== x) changed = true;
        return y;
      });
      seen.delete(v);
      return changed ? out : v;
    }
    if (!isPlain(v)) return v;
    seen.add(v);
    let out: Record<string, unknown> | null = null;
    for (const [k, x] of Object.entries(v)) {
      const secret = x !== null && x !== undefined && x !== "" && isSecretName(k) && !IDENTIFIER_PATHS.has(`${parentKey}.${k}`);
      const y = secret ? REDACTED : walk(x, k, depth + 1);
      if (y !== x) (out ??= { ...(v as Record<string, unknown>) })[k] = y;
    }
    seen.delete(v);
    return out ?? v;
  };
  return walk(value, "", 0) as T;
}

/** `redactSecrets` over each row of an object-mode stream: exports stream from a cursor. */
export const redactRows = (knownSecrets: Iterable<unknown> = []) => {
  const known = knownSecretValues(knownSecrets);
  return new Transform({ objectMode: true, transform: (row, _enc, done) => done(null, redactWith(row, known)) });
};
