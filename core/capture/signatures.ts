import { createHmac } from "node:crypto";
import { safeEqual } from "../crypto.ts";

/** Replays older than this are refused (and the clock skew a sender may have). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck = { ok: true } | { ok: false; code: "signature_missing" | "signature_invalid" | "signature_stale"; message: string };

const fail = (code: "signature_missing" | "signature_invalid" | "signature_stale", message: string): SignatureCheck => ({ ok: false, code, message });

/**
 * Ours, for signed generic webhooks: `X-Leadhub-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`
 * (the Stripe scheme): a timestamp inside the tolerance, compared in constant time; several v1 values
 * are allowed so a secret can be rotated without downtime. Parsed strictly (one `t` of digits, each
 * `v1` 64 hex digits, nothing else), and a success answers `t.<the matching v1>`: the replay key is
 * the timestamp and the signature, so a rewritten header (reordered, spaced, `t=+N`, an extra v1)
 * is the same delivery.
 */
export function verifyLeadhubSignature(header: string | undefined, body: Buffer, secret: string, nowSeconds: number): SignatureCheck & { replayKey?: string } {
  if (!header) return fail("signature_missing", "X-Leadhub-Signature is required");
  const parsed = parseLeadhubSignature(header);
  if (!parsed) return fail("signature_invalid", "X-Leadhub-Signature must look like t=<unix seconds>,v1=<64 hex digits>");
  const { t, signatures } = parsed;
  if (Math.abs(nowSeconds - t) > SIGNATURE_TOLERANCE_SECONDS) return fail("signature_stale", "the signature's timestamp is outside the 5-minute tolerance");
  const expected = createHmac("sha256", secret).update(`${t}.`).update(body).digest("hex");
  const match = signatures.find((s) => safeEqual(s, expected));
  return match ? { ok: true, replayKey: `${t}.${match}` } : fail("signature_invalid", "the signature does not match");
}

/** `t=<digits>,v1=<hex64>[,v1=<hex64>…]` in any order, or null: anything else in the header is refused. */
export function parseLeadhubSignature(header: string): { t: number; signatures: string[] } | null {
  let t: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const m = /^\s*(t|v1)=([^\s]*)\s*$/.exec(part);
    if (!m) return null;
    if (m[1] === "t") {
      if (t !== null || !/^\d{1,12}$/.test(m[2])) return null;
      t = Number(m[2]);
    } else {
      if (!/^[0-9a-fA-F]{64}$/.test(m[2]) || signatures.length >= 5) return null;
      signatures.push(m[2].toLowerCase());
    }
  }
  return t === null || !signatures.length ? null : { t, signatures };
}

/** Typeform: `Typeform-Signature: sha256=<base64 HMAC-SHA256 of the raw body>`. */
export function verifyTypeformSignature(header: string | undefined, body: Buffer, secret: string): SignatureCheck {
  if (!header) return fail("signature_missing", "Typeform-Signature is required");
  const expected = `sha256=${createHmac("sha256", secret).update(body).digest("base64")}`;
  return safeEqual(header.trim(), expected) ? { ok: true } : fail("signature_invalid", "Typeform-Signature does not match");
}

/** Meta: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`. */
export function verifyMetaSignature(header: string | undefined, body: Buffer, appSecret: string): SignatureCheck {
  if (!header) return fail("signature_missing", "X-Hub-Signature-256 is required");
  const expected = `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
  return safeEqual(header.trim().toLowerCase(), expected) ? { ok: true } : fail("signature_invalid", "X-Hub-Signature-256 does not match");
}
