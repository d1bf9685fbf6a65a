import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import type { JobContext } from "../context.ts";
import { jsonInsert } from "../db.ts";
import { escapeHtml } from "../text/html-text.ts";
import { trackLinks } from "./links.ts";
import type { Step } from "./sequence.ts";
import type { Situation } from "./step-load.ts";
import { renderEmail, templateVars } from "./templates.ts";

export interface Outgoing {
  rowId: string;
  to: string;
  from?: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  headers: Record<string, string>;
}

/** A send claimed in the ledger (committed, "sending") and not yet answered by the mail server. */
export interface Claim {
  mail: Outgoing;
  situation: Situation;
}

/** The address an email step goes to, or "" when the lead has none. */
export const addressOf = (s: Situation) => (typeof s.lead.email === "string" ? s.lead.email.trim() : "");

/**
 * The message: rendered templates (parsed once per process, core/nurture/templates.ts), footer with
 * the unsubscribe link, tracking when the tenant wants it, and the RFC 8058 headers. A template at
 * fault throws its AppError (isTemplateError).
 */
export async function compose(ctx: JobContext, s: Situation, step: Step, to: string): Promise<Outgoing> {
  const rowId = randomUUID();
  const unsubscribe = ctx.links.unsubscribeUrl(rowId);
  const r = await renderEmail(step, templateVars(s.lead, s.owner, s.tenant, unsubscribe));
  const footer = s.settings.footer?.trim();
  const text = `${r.text.trimEnd()}\n\n--\n${footer ? `${footer}\n` : ""}Unsubscribe: ${unsubscribe}\n`;
  let html = r.html;
  if (html) {
    if (s.settings.track_clicks) html = trackLinks(html, (url) => (url.startsWith(unsubscribe) ? url : ctx.links.clickUrl(rowId, url)));
    const foot = `<hr style="border:none;border-top:1px solid #ddd;margin-top:24px"><p style="font-size:12px;color:#666">${footer ? `${escapeHtml(footer).replace(/\n/g, "<br>")}<br>` : ""}<a href="${unsubscribe}">Unsubscribe</a></p>`;
    const pixel = s.settings.track_opens
      ? `<img src="${ctx.links.openPixelUrl(rowId)}" width="1" height="1" alt="" style="display:block;border:0">`
      : "";
    html = /<\/body>/i.test(html) ? html.replace(/<\/body>/i, `${foot}${pixel}</body>`) : `${html}${foot}${pixel}`;
  }
  const from = s.settings.from_email
    ? `"${(s.settings.from_name ?? s.tenant.name).replace(/["\\\r\n]/g, "")}" <${s.settings.from_email}>`
    : undefined;
  const domain = s.settings.from_email?.split("@")[1] ?? new URL(ctx.settings.publicUrl).hostname;
  return {
    rowId,
    to,
    from,
    subject: r.subject,
    text,
    html: html ?? undefined,
    messageId: `<${rowId}@${domain}>`,
    headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

/**
 * The claims, in one statement: unique per enrolment and step, so a step that ran before claims
 * nothing; and only where the enrolment is still active at the step and due time it was read at,
 * so a batch that read its enrolments without locking them claims nothing for one that moved
 * meanwhile (an exit, another delivery). The caller commits them before any SMTP call (outside a
 * transaction the statement commits itself). Answers the row ids that were claimed.
 */
export async function insertClaims(trx: Knex, claims: Claim[]): Promise<Set<string>> {
  if (!claims.length) return new Set();
  const { sql, binding } = jsonInsert(
    "email_messages",
    claims.map(({ mail, situation: s }) => ({
      id: mail.rowId,
      tenant_id: s.e.tenant_id,
      lead_id: s.e.lead_id,
      direction: "out",
      message_id: mail.messageId.replace(/^<|>$/g, ""),
      from_address: mail.from ?? null,
      to_address: mail.to,
      subject: mail.subject,
      status: "sending",
      enrollment_id: s.e.id,
      sequence_id: s.e.sequence_id,
      step: s.e.current_step,
      body_text: mail.text,
      body_html: mail.html ?? null,
      due_at: s.e.next_run_at,
      created_at: s.now,
      updated_at: s.now,
    })),
  );
  // Due times compared to the millisecond: that is what the enrolment read into JavaScript kept.
  const { rows } = await trx.raw(
    `${sql} AS r WHERE EXISTS (SELECT 1 FROM enrollments e WHERE e.id = r.enrollment_id AND e.status = 'active' AND e.current_step = r.step
                                 AND date_trunc('milliseconds', e.next_run_at) = r.due_at)
     ON CONFLICT (enrollment_id, step) DO NOTHING RETURNING id`,
    [binding],
  );
  return new Set(rows.map((r: { id: string }) => r.id));
}
