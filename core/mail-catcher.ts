import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { SMTPServer } from "smtp-server";
import { simpleParser, type AddressObject } from "mailparser";

/**
 * A local mail catcher for a newcomer's laptop: `npm start` with no SMTP_URL on the embedded
 * database sends leadhub's outbound mail to an SMTP server inside the same process, which keeps
 * the last messages in memory for the console's "Mail catcher" page. Nothing leaves the machine.
 * Never on when NODE_ENV=production; MAIL_CATCHER=1 turns it on elsewhere, MAIL_CATCHER=0 off.
 */

export interface CaughtMail {
  id: string;
  to: string;
  from: string;
  subject: string;
  received_at: string;
  text: string;
  html: string | null;
}

export interface MailCatcher {
  /** smtp://127.0.0.1:<port>: what the mailer sends to. */
  url: string;
  messages(): CaughtMail[];
  close(): Promise<void>;
}

/** How many messages it keeps: the newest, in memory (a restart forgets them). */
export const CATCHER_KEEPS = 200;
/** Largest part kept of a message's text or HTML. */
const MAX_PART = 200_000;

/** Whether `npm start` should catch mail instead of sending it. */
export function mailCatcherWanted(env: NodeJS.ProcessEnv): boolean {
  if (env.NODE_ENV === "production") return false;
  if (env.MAIL_CATCHER === "1") return true;
  if (env.MAIL_CATCHER === "0") return false;
  return !env.SMTP_URL && !env.DATABASE_URL;
}

let active: MailCatcher | null = null;
/** The catcher this process runs, or null: the console lists its messages. */
export const activeMailCatcher = () => active;

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  Array.isArray(a) ? a.map((x) => x.text).join(", ") : (a?.text ?? "");

/** Listens on 127.0.0.1 (a free port) and becomes this process's catcher. */
export async function startMailCatcher(now: () => Date = () => new Date()): Promise<MailCatcher> {
  const kept: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 10_000_000,
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((m) => {
          kept.unshift({
            id: randomUUID(),
            to: addresses(m.to),
            from: addresses(m.from),
            subject: m.subject ?? "",
            received_at: now().toISOString(),
            text: (m.text ?? "").slice(0, MAX_PART),
            html: m.html ? m.html.slice(0, MAX_PART) : null,
          });
          kept.splice(CATCHER_KEEPS);
          done();
        })
        .catch(done);
    },
  });
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const catcher: MailCatcher = {
    url: `smtp://127.0.0.1:${port}?pool=false`,
    messages: () => kept.slice(),
    close: () =>
      new Promise<void>((resolve) => {
        if (active === catcher) active = null;
        server.close(() => resolve());
      }),
  };
  active = catcher;
  return catcher;
}
