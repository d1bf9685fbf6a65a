import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The links in our mail name the message they came in (its row id) and are signed, so nobody can
 * unsubscribe someone else or make us redirect anywhere: `<uuid bytes><12-byte HMAC>` in base64url.
 */
export class MailLinks {
  constructor(
    private key: Buffer,
    private publicUrl: string,
  ) {}

  private mac(...parts: string[]): Buffer {
    const h = createHmac("sha256", this.key);
    for (const p of parts) h.update(p).update("\0");
    return h.digest().subarray(0, 12);
  }

  token(messageRowId: string): string {
    const id = Buffer.from(messageRowId.replace(/-/g, ""), "hex");
    return Buffer.concat([id, this.mac("message", messageRowId)]).toString("base64url");
  }

  /** The message row id a token names, or null when it was not made here. */
  read(token: string): string | null {
    if (!/^[A-Za-z0-9_-]{37,38}$/.test(token)) return null;
    const raw = Buffer.from(token, "base64url");
    // Only the one spelling we made: base64url's last character has spare bits a decoder ignores.
    if (raw.length !== 28 || raw.toString("base64url") !== token) return null;
    const hex = raw.subarray(0, 16).toString("hex");
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return timingSafeEqual(raw.subarray(16), this.mac("message", id)) ? id : null;
  }

  unsubscribeUrl(messageRowId: string): string {
    return `${this.publicUrl}/u/${this.token(messageRowId)}`;
  }

  openPixelUrl(messageRowId: string): string {
    return `${this.publicUrl}/t/o/${this.token(messageRowId)}`;
  }

  /** The target is signed too: a redirect to a URL we did not put in the mail is refused. */
  clickUrl(messageRowId: string, target: string): string {
    const sig = this.mac("click", messageRowId, target).toString("base64url");
    return `${this.publicUrl}/t/c/${this.token(messageRowId)}?url=${encodeURIComponent(target)}&s=${sig}`;
  }

  clickTargetOk(messageRowId: string, target: string, sig: string): boolean {
    const want = this.mac("click", messageRowId, target);
    const got = Buffer.from(sig, "base64url");
    return got.length === want.length && timingSafeEqual(got, want);
  }
}

/** Every http(s) link of an HTML body through the click redirect (mailto, tel and anchors left alone). */
export function trackLinks(html: string, wrap: (url: string) => string): string {
  return html.replace(/(<a\b[^>]*?\bhref\s*=\s*)(["'])(https?:\/\/[^"']+)\2/gi, (_all, head: string, q: string, url: string) => {
    const decoded = url.replace(/&amp;/g, "&");
    return `${head}${q}${wrap(decoded).replace(/&/g, "&amp;")}${q}`;
  });
}
