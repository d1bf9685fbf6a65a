/** What GET /api/nurture/mail/status answers: whether mail can go out, and how many drip emails wait for it. */
export interface MailStatus {
  state: "configured" | "not_configured" | "catcher";
  waiting: number;
}

/** One message the local mail catcher kept (GET /api/nurture/mail/caught). */
export interface CaughtMail {
  id: string;
  to: string;
  from: string;
  subject: string;
  received_at: string;
  text: string;
  html: string | null;
}

/** The banner's words, or null when mail goes out (or goes to the catcher). */
export function mailBannerText(s: MailStatus | undefined): string | null {
  if (!s || s.state !== "not_configured") return null;
  const waiting = s.waiting === 0 ? "no emails waiting yet" : `${s.waiting} email${s.waiting === 1 ? "" : "s"} waiting`;
  return `Outbound mail is not set up: ${waiting}`;
}

/** A variable as a template writes it. */
export const variableTag = (name: string) => `{{ ${name.replace("<key>", "your_field")} }}`;

/** `text` with `tag` put at `at` (the cursor), or at the end; a space between it and a word before it. */
export function insertAt(text: string, tag: string, at?: number | null): string {
  const pos = at == null || at < 0 || at > text.length ? text.length : at;
  const before = text.slice(0, pos);
  const pad = before && !/\s$/.test(before) ? " " : "";
  return `${before}${pad}${tag}${text.slice(pos)}`;
}
