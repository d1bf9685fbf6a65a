import { ZodError } from "zod";
import type { Knex } from "knex";
import type { JobContext } from "../context.ts";
import { adapters, AdapterError, type Adapted } from "./index.ts";
import { adaptFormSubmission } from "./web-form.ts";
import { readEmail } from "./email/read-email.ts";

export interface EventRow {
  id: string;
  tenant_id: string;
  channel: string;
  format: string;
  partner_id: string | null;
  form_id: string | null;
  vendor_id: string | null;
  payload: unknown;
  raw: string | null;
  status: string;
  outcome: string | null;
  lead_id: string | null;
  default_region: string;
  /** The tenant's matching rules (settings.dedup), parsed by intake. */
  dedup_rules?: unknown;
  partner_name: string | null;
  partner_settings: Record<string, unknown> | null;
  partner_default_source: string | null;
  /** The tenant's rule-set versions and settings: scoring and assignment run in the same transaction. */
  scoring_version: number;
  assignment_version: number;
  conversion_version: number;
  nurture_version: number;
  scoring_settings: unknown;
  assignment_settings: unknown;
  tenant_time_zone: string;
  /** The form a web-form event was made to, read with the event (a batch reads its forms in the same query). */
  form?: Record<string, unknown> | null;
}

export interface Attachment {
  filename: string | null;
  contentType: string;
  size: number;
  content: Buffer | null;
}

/** What an inbound event turned out to be, before anything is written. */
export type Reading =
  | { kind: "lead"; adapted: Adapted; spam: boolean; note: string | null; attachments: Attachment[] }
  | { kind: "engagement"; leadId: string; emailMessageId: string; subject: string | null; note: string | null }
  | { kind: "ignored"; reason: string; bounce?: Bounced }
  | { kind: "spam"; reason: string }
  | { kind: "rejected"; error: { code: string; message: string; details?: unknown } };

/** A bounce of one of our mails: that address gets no more. */
export interface Bounced {
  emailMessageId: string;
  leadId: string | null;
  email: string;
}

const rejected = (code: string, message: string, details?: unknown): Reading => ({ kind: "rejected", error: { code, message, details } });

async function readEmailEvent(db: Knex, ev: EventRow): Promise<Reading> {
  if (!ev.raw) return rejected("email_missing", "the event holds no message");
  const mail = await readEmail(Buffer.from(ev.raw, "latin1"), { region: ev.default_region });
  if (mail.kind === "bounce")
    return {
      kind: "ignored",
      reason: mail.reason ?? mail.kind,
      bounce: await ourBouncedMail(db, ev.tenant_id, mail.inReplyTo, mail.bounceRecipient ?? null),
    };
  if (mail.kind === "auto_reply") return { kind: "ignored", reason: mail.reason ?? mail.kind };
  if (mail.kind === "spam") return { kind: "spam", reason: mail.reason ?? "spam" };
  if (mail.kind === "reply" && mail.inReplyTo.length) {
    // A reply to one of our own messages is an engagement on that lead, not a new lead.
    const ours = await db("email_messages")
      .where("tenant_id", ev.tenant_id)
      .whereIn("message_id", mail.inReplyTo.slice(0, 50))
      .whereNotNull("lead_id")
      .orderBy("created_at", "desc")
      .first("id", "lead_id");
    if (ours) return { kind: "engagement", leadId: ours.lead_id, emailMessageId: ours.id, subject: mail.subject, note: mail.note };
  }
  if (!mail.lead) return rejected("no_contact", mail.reason ?? "no way to reach the sender was found in the message");
  return {
    kind: "lead",
    adapted: { lead: mail.lead, vendorId: null, isTest: false, unmapped: [] },
    spam: false,
    note: mail.note,
    attachments: mail.attachments,
  };
}

/** Which of our mails came back: by the returned message's id, else by the failed address. */
async function ourBouncedMail(db: Knex, tenantId: string, ids: string[], recipient: string | null): Promise<Bounced | undefined> {
  const q = db("email_messages").where({ tenant_id: tenantId, direction: "out" }).orderBy("created_at", "desc");
  const byId = ids.length ? await q.clone().whereIn("message_id", ids.slice(0, 50)).first("id", "lead_id", "to_address") : null;
  const row =
    byId ??
    (recipient ? await q.clone().whereRaw("lower(to_address) = ?", [recipient.toLowerCase()]).first("id", "lead_id", "to_address") : null);
  const email = recipient ?? row?.to_address;
  return row && email ? { emailMessageId: row.id, leadId: row.lead_id, email } : undefined;
}

/** Reads an inbound event with the adapter for its format: a lead, an engagement, or why not. */
export async function readEvent(ctx: JobContext, ev: EventRow): Promise<Reading> {
  try {
    if (ev.format === "email") return await readEmailEvent(ctx.db, ev);
    if (ev.format === "form") {
      const form = ev.form_id ? (ev.form ?? (await ctx.db("forms").where("id", ev.form_id).first())) : null;
      if (!form) return rejected("form_missing", "the form this submission was made to no longer exists");
      const adapted = adaptFormSubmission(ev.payload as Record<string, unknown>, {
        name: form.name,
        fields: form.fields ?? [],
        source: form.source,
        subsource: form.subsource,
        campaign: form.campaign,
        honeypotField: form.honeypot_field,
      });
      return { kind: "lead", adapted, spam: adapted.spam, note: null, attachments: [] };
    }
    const adapter = adapters[ev.format];
    if (!adapter) return rejected("unknown_format", `no adapter for format ${ev.format}`);
    const adapted = adapter.adapt({
      payload: ev.payload,
      partner: { name: ev.partner_name ?? "", settings: { ...(ev.partner_settings ?? {}), default_source: ev.partner_default_source } },
    });
    if (adapted.isTest) return { kind: "ignored", reason: `a ${ev.format} test lead` };
    return { kind: "lead", adapted, spam: false, note: null, attachments: [] };
  } catch (e) {
    if (e instanceof AdapterError) return rejected(e.code, e.message);
    if (e instanceof ZodError) return rejected("validation_failed", "the payload does not map to a valid lead", e.issues.slice(0, 20));
    throw e;
  }
}
