import { parentPort, workerData } from "node:worker_threads";
import nodemailer from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";

/** One message handed to the mail thread, numbered so its answer finds its caller. */
export interface ThreadMail {
  id: number;
  message: SMTPPool.MailOptions;
}

/** What an SMTP error says about the mail (core/nurture/deliver.ts reads these): carried as data, since postMessage keeps only an Error's message. */
export interface ThreadError {
  name: string;
  message: string;
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

export type ThreadAnswer = { id: number; messageId: string; response?: string } | { id: number; error: ThreadError };

/**
 * The mail thread (core/mailer.ts): nodemailer's pooled transport, with everything it does per
 * message (building the MIME message, encoding it, the SMTP conversation), on a thread of its own
 * so it runs beside the worker's jobs instead of between them. Messages come in batches, answers
 * go back in batches (one postMessage per turn of each event loop).
 */
const transport = nodemailer.createTransport(workerData.url as string);
let answers: ThreadAnswer[] = [];
let pending = 0;
let closing = false;

function answer(a: ThreadAnswer) {
  pending--;
  answers.push(a);
  if (answers.length === 1)
    setImmediate(() => {
      const batch = answers;
      answers = [];
      parentPort!.postMessage(batch);
      if (closing && !pending) parentPort!.close();
    });
}

parentPort!.on("message", (batch: ThreadMail[] | "close") => {
  if (batch === "close") {
    // The pool's connections go once their messages are sent; the thread ends when every answer has gone back.
    closing = true;
    transport.close();
    if (!pending) parentPort!.close();
    return;
  }
  pending += batch.length;
  for (const { id, message } of batch)
    transport.sendMail(message).then(
      (info) => answer({ id, messageId: info.messageId, response: info.response }),
      (err: Error & Partial<ThreadError>) =>
        answer({
          id,
          error: {
            name: err.name,
            message: err.message,
            code: err.code,
            responseCode: err.responseCode,
            command: err.command,
            response: err.response,
          },
        }),
    );
});
