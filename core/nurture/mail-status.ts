import type { Knex } from "knex";
import { activeMailCatcher } from "../mail-catcher.ts";
import { asSystem } from "../tenant-scope.ts";

/**
 * Whether leadhub can send mail, and how many drip emails wait because it cannot: with no SMTP_URL
 * an email step pushes itself back every few minutes (core/nurture/run-step.ts), so the console,
 * /healthz and /metrics say so rather than leave the enrolments waiting in silence.
 */

export type MailState = "configured" | "not_configured" | "catcher";

export const mailState = (config: { smtpUrl?: string }): MailState =>
  activeMailCatcher() ? "catcher" : config.smtpUrl ? "configured" : "not_configured";

/** Why an email step waits, shown on the enrolment. */
export const NO_MAIL_REASON = "Outbound mail is not set up (no SMTP_URL): this email waits until it is";

/** How far ahead an email step counts as waiting: the runner retries every five minutes without a mailer. */
const SOON_MS = 6 * 60_000;

/** Active enrolments whose step due now (or within minutes) is an email. */
function waitingEmails(db: Knex, now: Date) {
  return db("enrollments as e")
    .join("sequence_steps as s", function () {
      this.on("s.tenant_id", "e.tenant_id")
        .andOn("s.sequence_id", "e.sequence_id")
        .andOn("s.version", "e.sequence_version")
        .andOn("s.step", "e.current_step");
    })
    .where("e.status", "active")
    .where("s.type", "email")
    .where((q) => void q.whereNull("e.next_run_at").orWhere("e.next_run_at", "<=", new Date(now.getTime() + SOON_MS)));
}

/** The mail state and, when mail cannot go out, the tenant's emails waiting for it. */
export async function mailStatus(db: Knex, tenantId: string, config: { smtpUrl?: string }, now: Date) {
  const state = mailState(config);
  if (state !== "not_configured") return { state, waiting: 0 };
  const row = await waitingEmails(db, now).where("e.tenant_id", tenantId).count<{ n: string }[]>({ n: "*" }).first();
  return { state, waiting: Number(row?.n ?? 0) };
}

/** Every tenant's waiting emails (the leadhub_mail_waiting gauge); 0 when mail can go out. */
export async function mailWaitingEverywhere(db: Knex, config: { smtpUrl?: string }, now: Date): Promise<number> {
  if (mailState(config) !== "not_configured") return 0;
  const row = await asSystem(() => waitingEmails(db, now).count<{ n: string }[]>({ n: "*" }).first());
  return Number(row?.n ?? 0);
}

/** Adds `waiting_reason` to enrolment rows: the reason when their email waits for mail to be set up, else null. */
export async function withWaitingReasons<T extends { id?: unknown }>(
  db: Knex,
  tenantId: string,
  rows: T[],
  config: { smtpUrl?: string },
  now: Date,
): Promise<(T & { waiting_reason: string | null })[]> {
  const ids = rows.map((r) => r.id).filter((id): id is string => typeof id === "string");
  const waiting =
    mailState(config) === "not_configured" && ids.length
      ? new Set((await waitingEmails(db, now).where("e.tenant_id", tenantId).whereIn("e.id", ids).pluck("e.id")) as string[])
      : new Set<string>();
  return rows.map((r) => ({ ...r, waiting_reason: waiting.has(r.id as string) ? NO_MAIL_REASON : null }));
}
