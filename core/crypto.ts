import { createCipheriv, createDecipheriv, createHash, createHmac, hash, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

/** The 32-byte master key: LEADHUB_SECRET_KEY, else one generated once into the data dir. */
export function resolveSecretKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return decodeKey(configured);
  const file = join(dataDir, "secret.key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // wx: two processes starting together must not both write a different key.
    try {
      writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  return decodeKey(readFileSync(file, "utf8").trim());
}

function decodeKey(text: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  // Longer or odd-shaped keys are stretched to 32 bytes rather than refused.
  return key.length === 32 ? key : createHash("sha256").update(text).digest();
}

/** Derives independent keys (JWT signing, secret encryption) from the master key. */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  return createHmac("sha256", master).update(purpose).digest();
}

/** AES-256-GCM; the output carries its nonce and tag: v1.<iv>.<tag>.<ciphertext>, base64url. */
export function encrypt(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decrypt(key: Buffer, sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("unknown ciphertext format");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** API keys carry 256 bits of entropy, so a fast hash is as safe as a slow one and costs nothing per request. */
export function hashApiKey(key: string): string {
  return hash("sha256", key);
}

export function newApiKey(): { key: string; prefix: string } {
  const key = `lh_${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, 10) };
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: how partners sign to us and how we sign our webhooks to them. */
export function signLeadhub(body: string | Buffer, secret: string, nowSeconds: number): string {
  const hex = createHmac("sha256", secret).update(`${nowSeconds}.`).update(body).digest("hex");
  return `t=${nowSeconds},v1=${hex}`;
}

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

// crypto.hash, the one-shot form: half the cost of a Hash object, and both run on every ingested request.
export function sha256(data: string | Buffer): string {
  return hash("sha256", data);
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
