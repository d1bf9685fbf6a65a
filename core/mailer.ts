import type { Worker } from "node:worker_threads";
import type { Mailer } from "./context.ts";
import type { ThreadAnswer, ThreadError, ThreadMail } from "./mail-thread.ts";
import { startTsThread } from "./runtime/ts-thread.ts";

/**
 * Connections the pool keeps open (nodemailer's default is 5): a drip run sends thousands, and each
 * SMTP transaction waits on two round trips (pipelined envelope, then the message) that a
 * connection cannot overlap: with 96 sends in flight, 10 connections kept them waiting ~165 ms at
 * SMTP, 30 connections sent 650-720/s (docs/performance.md, Nurture). A relay that allows fewer
 * connections per client: SMTP_URL says so (`?maxConnections=5`), as it may for any of nodemailer's
 * pool options.
 */
const POOL_DEFAULTS = { pool: "true", maxConnections: "30", maxMessages: "1000" };

/**
 * nodemailer over SMTP_URL (smtp://user:pass@host:port); null when mail is not configured. Pooled
 * (a few connections kept open, unless the URL says pool=false): a drip run sends thousands.
 *
 * The transport lives in a worker thread of its own (core/mail-thread.ts): building each MIME
 * message and the SMTP conversation cost about a millisecond of CPU per mail, which on the
 * worker's own thread stood between its jobs; there it runs beside them, on another core when one
 * is free. Messages are content only (no file or URL access: a template's output is never a path to read).
 */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer | null {
  if (!smtpUrl) return null;
  const url = new URL(smtpUrl);
  for (const [k, v] of Object.entries(POOL_DEFAULTS)) if (!url.searchParams.has(k)) url.searchParams.set(k, v);
  return new ThreadMailer(url.toString(), from);
}

class ThreadMailer implements Mailer {
  private thread: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (r: { messageId: string; response?: string }) => void; reject: (e: Error) => void }
  >();
  private outbox: ThreadMail[] = [];

  constructor(
    private readonly url: string,
    private readonly from: string,
  ) {}

  send(m: Parameters<Mailer["send"]>[0]): Promise<{ messageId: string; response?: string }> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { resolve, reject });
      // The thread keeps the process alive only while it owes an answer.
      if (this.waiting.size === 1) this.started().ref();
      this.outbox.push({ id, message: { from: this.from, ...m, disableFileAccess: true, disableUrlAccess: true } });
      // Mails handed in during this turn of the event loop cross to the thread together.
      if (this.outbox.length === 1)
        setImmediate(() => {
          const batch = this.outbox;
          this.outbox = [];
          this.started().postMessage(batch);
        });
    });
  }

  close(): void {
    this.thread?.postMessage("close");
    this.thread?.unref();
    this.thread = null;
  }

  private started(): Worker {
    if (this.thread) return this.thread;
    const thread = startTsThread(new URL("./mail-thread.ts", import.meta.url), { workerData: { url: this.url } });
    thread.on("message", (answers: ThreadAnswer[]) => {
      for (const a of answers) {
        const w = this.waiting.get(a.id);
        if (!w) continue;
        this.waiting.delete(a.id);
        if ("error" in a) w.reject(smtpError(a.error));
        else w.resolve({ messageId: a.messageId, response: a.response });
      }
      if (!this.waiting.size) thread.unref();
    });
    const lost = (why: string) => {
      if (this.thread === thread) this.thread = null;
      // Mails the thread held may or may not have gone: no code or command, so they read as unknown (core/nurture/deliver.ts).
      for (const [id, w] of this.waiting) {
        this.waiting.delete(id);
        w.reject(new Error(`the mail thread stopped (${why}) before the server's answer`));
      }
    };
    thread.on("error", (err) => lost(err.message));
    thread.on("exit", (code) => lost(`exit code ${code}`));
    this.thread = thread;
    return thread;
  }
}

/** The error as nodemailer threw it in the thread: message, code, responseCode, command, response. */
function smtpError(e: ThreadError): Error {
  const err = new Error(e.message);
  err.name = e.name;
  return Object.assign(err, Object.fromEntries(Object.entries(e).filter(([k, v]) => v !== undefined && k !== "name" && k !== "message")));
}
