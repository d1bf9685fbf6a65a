import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Recipients the server refuses with 550 (a mailbox that does not exist). */
  rejectRecipient?: (address: string) => boolean;
  /** Runs once a message is fully received and kept, before the server answers 250 (a test may kill the sender here). */
  beforeAnswer?: (message: ParsedMail) => Promise<void> | void;
}

/** A real SMTP server in the test process that keeps every message it is sent (nodemailer talks to it as to any relay). */
export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, done) {
      if (opts.rejectRecipient?.(address.address))
        return done(Object.assign(new Error("5.1.1 mailbox unavailable"), { responseCode: 550 }));
      done();
    },
    onData(stream, _session, done) {
      simpleParser(stream)
        .then(async (m) => {
          messages.push(m);
          await opts.beforeAnswer?.(m);
          done();
        })
        .catch(done);
    },
  });
  // smtp-server re-emits a client's socket errors on the server: a sender killed mid-session
  // (ECONNRESET) must not become an uncaught exception in the test.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise((r) => server.close(() => r())) };
}
