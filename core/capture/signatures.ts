import { createHmac } from "node:crypto";
import { safeEqual } from "../crypto.ts";
import { AppError } from "../errors.ts";
import type { Delivery } from "./types.ts";

// How deliveries prove who sent them, shared by the vendor modules: the HMAC helper, the partner key
// and our own X-Leadhub-Signature. A vendor's own scheme (Typeform's, Meta's) lives in its module.

/** Replays older than this are refused (and the clock skew a sender may have). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

type FailureCode = "signature_missing" | "signature_invalid" | "signature_stale";
export type SignatureCheck = { ok: true } | { ok: false; code: FailureCode; message: string };

export const signatureFailure = (code: FailureCode, message: string): SignatureCheck => ({ ok: false, code, message });

/** HMAC-SHA256 of the raw body with a partner's secret, as the vendor prints it. */
export function hmacSha256(secret: string, body: Buffer, encoding: "hex" | "base64"): string {
  return createHmac("sha256", secret).update(body).digest(encoding);
}

/** A failed check as the 401 the sender hears (signature_missing, signature_invalid, signature_stale). */
export function requireSignature(check: SignatureCheck): void {
  if (!check.ok) throw new AppError("unauthenticated", check.code, check.message);
}

/** The partner key, for vendors that sign nothing: `Authorization: Bearer <key>` or `?key=<key>`. */
export function requirePartnerKey(delivery: Delivery): null {
  if (!delivery.hasPartnerKey())
    throw new AppError("unauthenticated", "invalid_api_key", "the partner key (Authorization: Bearer <key> or ?key=) is missing or wrong");
  return null;
}

/**
 * Ours, for signed generic webhooks: `X-Leadhub-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`
 * (the Stripe scheme): a timestamp inside the tolerance, compared in constant time; several v1 values
 * are allowed so a secret can be rotated without downtime. Parsed strictly (one `t` of digits, each
 * `v1` 64 hex digits, nothing else), and a success answers `t.<the matching v1>`: the replay key is
 * the timestamp and the signature, so a rewritten header (reordered, spaced, `t=+N`, an extra v1)
 * is the same delivery.
 */
export function verifyLeadhubSignature(
  header: string | undefined,
  body: Buffer,
  secret: string,
  nowSeconds: number,
): SignatureCheck & { replayKey?: string } {
  if (!header) return signatureFailure("signature_missing", "X-Leadhub-Signature is required");
  const parsed = parseLeadhubSignature(header);
  if (!parsed) return signatureFailure("signature_invalid", "X-Leadhub-Signature must look like t=<unix seconds>,v1=<64 hex digits>");
  const { t, signatures } = parsed;
  if (Math.abs(nowSeconds - t) > SIGNATURE_TOLERANCE_SECONDS)
    return signatureFailure("signature_stale", "the signature's timestamp is outside the 5-minute tolerance");
  const expected = createHmac("sha256", secret).update(`${t}.`).update(body).digest("hex");
  const match = signatures.find((s) => safeEqual(s, expected));
  return match ? { ok: true, replayKey: `${t}.${match}` } : signatureFailure("signature_invalid", "the signature does not match");
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
