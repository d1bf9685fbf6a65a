import type { JobContext, JobResult } from "../context.ts";

/** Notifications claimed per round. */
const CLAIM = 200;

interface Claimed {
  id: string;
  user_id: string;
  subject: string;
  body: string;
  email: string;
  name: string;
}

/**
 * Claims pending notifications (pending → sending, committed, SKIP LOCKED so parallel senders
 * never take the same row), mails them, and marks each sent or failed. A sender that dies after
 * claiming leaves its rows "sending": they are never mailed again, because a row is only claimed
 * from "pending" (at most once; `digest` rows wait for the hourly digest, one mail per person).
 */
export async function sendNotifications(ctx: JobContext, opts: { digest: boolean }): Promise<JobResult> {
  if (!ctx.mailer) return { outcome: "skipped", detail: "no SMTP_URL: notifications wait" };
  let sent = 0;
  let failed = 0;
  for (;;) {
    const claimed: Claimed[] = await ctx.db.transaction(async (trx) => {
      const { rows } = await trx.raw(
        `UPDATE notifications n SET status = 'sending', updated_at = now()
         FROM users u
         WHERE n.id IN (SELECT id FROM notifications WHERE status = 'pending' AND digest = ? ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)
           AND u.id = n.user_id
         RETURNING n.id, n.user_id, n.subject, n.body, u.email, u.name`,
        [opts.digest, CLAIM],
      );
      return rows;
    });
    if (!claimed.length) break;
    const mails = opts.digest ? digests(claimed) : claimed.map((n) => ({ ids: [n.id], to: n.email, subject: n.subject, text: n.body }));
    for (const m of mails) {
      try {
        await ctx.mailer.send({ to: m.to, subject: m.subject, text: m.text, messageId: `<notification-${m.ids[0]}@leadhub>` });
        await ctx
          .db("notifications")
          .whereIn("id", m.ids)
          .update({ status: "sent", sent_at: ctx.clock.now(), updated_at: ctx.clock.now() });
        sent += m.ids.length;
      } catch (err) {
        await ctx
          .db("notifications")
          .whereIn("id", m.ids)
          .update({ status: "failed", error: (err as Error).message.slice(0, 500), updated_at: ctx.clock.now() });
        failed += m.ids.length;
      }
    }
  }
  return { outcome: "done", detail: `${sent} sent, ${failed} failed` };
}

/** One mail per person: the subjects as a list, then each notification's text. */
function digests(claimed: Claimed[]) {
  const byUser = new Map<string, Claimed[]>();
  for (const n of claimed) byUser.set(n.user_id, [...(byUser.get(n.user_id) ?? []), n]);
  return [...byUser.values()].map((ns) => ({
    ids: ns.map((n) => n.id),
    to: ns[0].email,
    subject: ns.length === 1 ? ns[0].subject : `${ns.length} new leads for you`,
    text: [`Hello ${ns[0].name},`, "", ...ns.map((n) => `• ${n.subject}`), "", ...ns.map((n) => `${n.subject}\n${n.body}\n`)].join("\n"),
  }));
}
