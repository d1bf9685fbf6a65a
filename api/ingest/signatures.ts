import { createHmac } from "node:crypto";
import { safeEqual } from "../../core/crypto.ts";

/** Replays older than this are refused (and the clock skew a sender may have). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck = { ok: true } | { ok: false; code: "signature_missing" | "signature_invalid" | "signature_stale"; message: string };

const fail = (code: "signature_missing" | "signature_invalid" | "signature_stale", message: string): SignatureCheck => ({ ok: false, code, message });

/**
 * Ours, for signed generic webhooks: `X-Leadhub-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`
 * (the Stripe scheme): a timestamp inside the tolerance, compared in constant time; several v1 values
 * are allowed so a secret can be rotated without downtime.
 */
export function verifyLeadhubSignature(header: string | undefined, body: Buffer, secret: string, nowSeconds: number): SignatureCheck {
  if (!header) return fail("signature_missing", "X-Leadhub-Signature is required");
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  const signatures = parts.filter(([k]) => k === "v1").map(([, v]) => v ?? "");
  if (!Number.isInteger(t) || signatures.length === 0) return fail("signature_invalid", "X-Leadhub-Signature must look like t=<unix>,v1=<hex>");
  if (Math.abs(nowSeconds - t) > SIGNATURE_TOLERANCE_SECONDS) return fail("signature_stale", "the signature's timestamp is outside the 5-minute tolerance");
  const expected = createHmac("sha256", secret).update(`${t}.`).update(body).digest("hex");
  return signatures.some((s) => safeEqual(s, expected)) ? { ok: true } : fail("signature_invalid", "the signature does not match");
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
