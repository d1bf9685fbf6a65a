import nodemailer from "nodemailer";
import type { Mailer } from "../jobs/context.ts";

/** nodemailer over SMTP_URL (smtp://user:pass@host:port); null when mail is not configured. */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer | null {
  if (!smtpUrl) return null;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(m) {
      const info = await transport.sendMail({ from, ...m });
      return { messageId: info.messageId };
    },
  };
}
