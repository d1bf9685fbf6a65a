import nodemailer from "nodemailer";
import type { Mailer } from "./context.ts";

/**
 * nodemailer over SMTP_URL (smtp://user:pass@host:port); null when mail is not configured. Pooled
 * (a few connections kept open, unless the URL says pool=false): a drip run sends thousands.
 */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer | null {
  if (!smtpUrl) return null;
  const url = new URL(smtpUrl);
  if (!url.searchParams.has("pool")) url.searchParams.set("pool", "true");
  const transport = nodemailer.createTransport(url.toString());
  return {
    async send(m) {
      const info = await transport.sendMail({ from, ...m });
      return { messageId: info.messageId, response: info.response };
    },
    close: () => transport.close(),
  };
}
