import { UnrecoverableError } from "bullmq";
import type { Knex } from "knex";
import type { JobContext, JobResult } from "../context.ts";
import type { JobPayloads } from "../queues.ts";
import { toLeadFields } from "../lead/record.ts";
import { addTimelineEntry, timelineRow, type TimelineEntry } from "../lead/timeline.ts";
import { insertAll } from "../db.ts";
import { convertIfRuleHolds } from "../crm/conversion-rules.ts";
import { emitEvents, eventRow, leadPayload, type OutboxEvent } from "../events/outbox.ts";
import { randomUUID } from "node:crypto";
import { dedupColumns, type DedupColumns } from "../dedup/columns.ts";
import { matchKeys } from "../dedup/keys.ts";
import { matchLead } from "../dedup/match.ts";
import { rulesFrom } from "../dedup/rules.ts";
import { assignmentSettingsFrom } from "../assignment/rules.ts";
import { scoreOf, scoringSettingsFrom, type Scored } from "../scoring/score.ts";
import { addBehaviourPoints, scoreRows } from "../scoring/record-score.ts";
import { assignmentColumns, assignmentRows, chooseOwner, type AssignInput, type Assignment } from "../assignment/assign-lead.ts";
import { readEvent, type Bounced, type EventRow, type Reading } from "../capture/read-event.ts";
import { enrolByRules, exitEnrollments, suppressEmail, type DueStep } from "../nurture/enrol.ts";
import { scheduleSoon } from "../nurture/schedule.ts";
import { mergeSubmission, openReviews } from "../dedup/submission.ts";
import { consentRow } from "../privacy/consents.ts";

export type IntakePayload = JobPayloads["lead.intake"];

const loadEvent = (db: Knex, { tenantId, eventId }: IntakePayload) =>
  db("inbound_events as e")
    .join("tenants as t", "t.id", "e.tenant_id")
    .leftJoin("partners as p", "p.id", "e.partner_id")
    .leftJoin("forms as f", "f.id", "e.form_id")
    .where({ "e.id": eventId, "e.tenant_id": tenantId })
    .first<EventRow | undefined>(
      "e.*",
      "t.default_region",
      db.raw("t.settings->'dedup' as dedup_rules"),
      "p.name as partner_name",
      "p.settings as partner_settings",
      "p.default_source as partner_default_source",
      "t.scoring_version",
      "t.assignment_version",
      "t.conversion_version",
      "t.nurture_version",
      db.raw("t.settings->'scoring' as scoring_settings"),
      db.raw("t.settings->'assignment' as assignment_settings"),
      "t.time_zone as tenant_time_zone",
      "f.consent_text as form_consent_text",
    );

async function finish(
  trx: Knex,
  ev: EventRow,
  now: Date,
  outcome: string,
  leadId: string | null,
  extra: { error?: unknown; unmapped?: string[] } = {},
) {
  await trx("inbound_events")
    .where("id", ev.id)
    .update({
      status: outcome === "rejected" ? "failed" : "done",
      outcome,
      lead_id: leadId,
      error: extra.error ? JSON.stringify(extra.error) : null,
      unmapped: extra.unmapped?.length ? extra.unmapped : null,
      processed_at: now,
      updated_at: now,
      attempts: trx.raw("attempts + 1"),
    });
}

/** The entry naming the event it came from. */
const fromEvent = (ev: EventRow, entry: TimelineEntry): TimelineEntry => ({
  ...entry,
  data: { inbound_event_id: ev.id, channel: ev.channel, format: ev.format, ...entry.data },
});

/** A timeline entry that names the event it came from. */
const timeline = (trx: Knex, ev: EventRow, leadId: string, now: Date, entry: TimelineEntry) =>
  addTimelineEntry(trx, ev.tenant_id, leadId, now, fromEvent(ev, entry));

type LeadReading = Extract<Reading, { kind: "lead" }>;

/** What routing decided before the lead is written: its score and its owner. */
interface Routing {
  scored: Scored | null;
  scoreVersion: number | null;
  assignment: Assignment | null;
  assignInput: AssignInput | null;
}

/**
 * The new lead with its submission, timeline entries, score history and owner's notification, in
 * one statement (its id is made here, so the rows referencing it go with it): a round trip costs
 * the worker more than the rows do.
 */
async function createLead(
  trx: Knex,
  ev: EventRow,
  reading: LeadReading,
  normalised: ReturnType<typeof toLeadFields>,
  leadNumber: string,
  now: Date,
  dedup: DedupColumns | null,
  routing: Routing,
) {
  const { fields, notes } = normalised;
  const { scored, assignment } = routing;
  const leadId = randomUUID();
  const lead = {
    ...fields,
    ...dedup,
    ...(scored && { lead_score: scored.score, grade: scored.grade, priority: scored.priority, score_version: routing.scoreVersion }),
    ...(assignment && assignmentColumns(assignment, now)),
    id: leadId,
    tenant_id: ev.tenant_id,
    lead_number: leadNumber,
    partner_id: ev.partner_id,
    form_id: ev.form_id,
    consent: reading.adapted.consent ?? null,
    // A filled honeypot: kept for the record, marked spam, never routed.
    spam_score: reading.spam ? 100 : 0,
    tags: reading.spam ? [...(fields.tags as string[]), "spam"] : fields.tags,
    validation_status: notes.length ? "partial" : "valid",
    validation_notes: notes,
    consent_at: fields.gdpr_consent ? now : null,
    opt_in_at: fields.gdpr_consent ? now : null,
    inbound_event_id: ev.id,
    last_activity_at: now,
    created_at: now,
    updated_at: now,
  };
  const entry = (e: TimelineEntry) => timelineRow(ev.tenant_id, leadId, now, fromEvent(ev, e));
  const source = fields.source ?? ev.channel;
  const timeline = [
    entry({
      action: "lead.created",
      title: reading.spam ? `Spam submission from ${source} (honeypot filled)` : `Lead created from ${source}`,
      body: notes.length ? notes.join("\n") : null,
    }),
    ...(reading.note
      ? [entry({ type: "note", action: "lead.first_message", title: "First message", body: reading.note.slice(0, 20_000) })]
      : []),
  ];
  const score = scored
    ? scoreRows([{ tenantId: ev.tenant_id, leadId, previous: 0, scored, reason: "rules", version: routing.scoreVersion!, now }])
    : null;
  const assigned = assignment && assignmentRows(assignment, routing.assignInput!, leadId);
  await insertAll(trx, [
    ["leads", [lead]],
    [
      "lead_submissions",
      [
        {
          tenant_id: ev.tenant_id,
          lead_id: leadId,
          inbound_event_id: ev.id,
          channel: ev.channel,
          vendor_id: ev.vendor_id,
          data: ev.payload ?? { note: reading.note },
          created_at: now,
          updated_at: now,
        },
      ],
    ],
    ["activities", [...timeline, ...(score?.timeline ?? []), ...(assigned ? [assigned.timeline] : [])]],
    ["score_history", score?.history ?? []],
    ["notifications", assigned?.notification ? [assigned.notification] : []],
    ["outbox_events", leadEvents(lead, { scored: Boolean(scored), assigned: Boolean(assignment?.rep) }, now).map(eventRow)],
    ["consents", fields.gdpr_consent && !reading.spam ? [consentOf(ev, reading, leadId, now)] : []],
  ]);
  await saveAttachments(trx, ev, leadId, reading);
  return leadId;
}

/** The consent record of a lead that arrived with consent (GDPR: purpose, wording, source, time, IP). */
const consentOf = (ev: EventRow, reading: LeadReading, leadId: string, now: Date) =>
  consentRow(ev, {
    leadId,
    now,
    vendorConsent: reading.adapted.consent,
    visitorIp: (reading.adapted.lead.custom_fields as Record<string, unknown> | undefined)?.ip_address,
  });

/** What subscribers hear of a new lead: created, and scored and assigned when it was. */
function leadEvents(lead: Record<string, unknown>, did: { scored: boolean; assigned: boolean }, now: Date): OutboxEvent[] {
  const e = (type: OutboxEvent["type"]): OutboxEvent => ({
    tenantId: lead.tenant_id as string,
    type,
    recordType: "lead",
    recordId: lead.id as string,
    payload: leadPayload(lead),
    now,
  });
  return [e("lead.created"), ...(did.scored ? [e("lead.scored")] : []), ...(did.assigned ? [e("lead.assigned")] : [])];
}

async function saveAttachments(trx: Knex, ev: EventRow, leadId: string, reading: LeadReading) {
  if (!reading.attachments.length) return;
  await trx("attachments").insert(
    reading.attachments.map((a) => ({
      tenant_id: ev.tenant_id,
      inbound_event_id: ev.id,
      lead_id: leadId,
      filename: a.filename?.slice(0, 300) ?? null,
      content_type: a.contentType.slice(0, 200),
      size: a.size,
      content: a.content,
    })),
  );
}

/**
 * Intake of one inbound event: read it with the adapter for its format (vendor payload, web form,
 * email), normalise, validate, dedup (merge into the person's lead, or create the lead and open a
 * review when unsure), and write the lead with its submission and timeline entries, or the
 * engagement it is, or why it is ignored or rejected; and mark the event, all in one transaction.
 * Idempotent: an event already processed is left as it is.
 */
export async function intakeEvent(ctx: JobContext, data: IntakePayload): Promise<JobResult> {
  const peek = await loadEvent(ctx.db, data);
  if (!peek) throw new UnrecoverableError(`inbound event ${data.eventId} not found`);
  if (peek.status === "done" || peek.status === "failed") {
    return { outcome: "skipped", leadId: peek.lead_id, eventId: peek.id, detail: `already ${peek.outcome}` };
  }
  let reading = await readEvent(ctx, peek);
  const normalised = reading.kind === "lead" ? toLeadFields(reading.adapted.lead, peek.default_region) : null;
  // The edge checks this too, but a replayed or polled event reaches intake without the edge.
  if (reading.kind === "lead" && !reading.spam && !normalised!.valid) {
    reading = { kind: "rejected", error: { code: "no_contact", message: "a lead needs a valid email or phone" } };
  }
  const now = ctx.clock.now();
  // Spam is kept but never matched: its keys stay empty so no real lead merges into it.
  const keys = reading.kind === "lead" && !reading.spam ? matchKeys(normalised!.fields, { region: peek.default_region }) : null;
  // Taken before the transaction (its own connection, seldom a round trip) and given back if unused.
  const leadNumber = reading.kind === "lead" ? await ctx.leadNumbers.next(data.tenantId, now) : null;
  const rules = rulesFrom(peek.dedup_rules);
  // Scoring and assignment rules, compiled and cached per process until their version moves.
  const sets =
    (reading.kind === "lead" && !reading.spam) || reading.kind === "engagement"
      ? await ctx.rules.get(data.tenantId, {
          scoring: peek.scoring_version,
          assignment: peek.assignment_version,
          conversion: peek.conversion_version,
          nurture: peek.nurture_version,
        })
      : null;
  const scoringSettings = scoringSettingsFrom(peek.scoring_settings);
  const assignmentSettings = assignmentSettingsFrom(peek.assignment_settings);
  // What the rules read: the new lead as it will be stored.
  const ruleView = normalised && {
    ...normalised.fields,
    partner_id: peek.partner_id,
    form_id: peek.form_id,
    status: "new",
    created_at: now,
    last_activity_at: now,
  };
  const scored = ruleView && sets?.scoringRules ? scoreOf(sets.score, ruleView, 0, now) : null;
  // A bad email beside a phone that reaches the person: the lead is kept without it, and the event says so.
  const emailDropped = normalised?.droppedEmail
    ? {
        code: "email_dropped",
        message: `email "${normalised.droppedEmail}" is not a valid address and was dropped; the lead was kept by its phone`,
      }
    : undefined;

  let numberUsed = false;
  let dueSteps: DueStep[] = [];
  const result = await ctx.db
    .transaction(async (trx): Promise<JobResult> => {
      // The event row was committed durably at ingest; if this commit is lost in a database crash the
      // event is still "received" and the sweeper runs it again, so intake need not wait for the disk.
      await trx.raw("SET LOCAL synchronous_commit = off");
      const locked = await trx("inbound_events").where("id", data.eventId).forUpdate().first<EventRow>("status", "outcome", "lead_id");
      if (locked.status === "done" || locked.status === "failed") {
        return { outcome: "skipped", leadId: locked.lead_id, eventId: peek.id, detail: `already ${locked.outcome}` };
      }
      switch (reading.kind) {
        case "rejected":
          await finish(trx, peek, now, "rejected", null, { error: reading.error });
          return { outcome: "rejected", eventId: peek.id, detail: reading.error.message };
        case "ignored":
          if (reading.bounce) await recordBounce(trx, data.tenantId, reading.bounce, now);
          await finish(trx, peek, now, "ignored", reading.bounce?.leadId ?? null, { error: { code: "ignored", message: reading.reason } });
          return { outcome: "ignored", leadId: reading.bounce?.leadId ?? null, eventId: peek.id, detail: reading.reason };
        case "spam":
          // Content spam (a scam, a mass mailing): kept as the event with why, no lead, nothing routed.
          await finish(trx, peek, now, "spam", null, { error: { code: "spam", message: reading.reason } });
          return { outcome: "spam", leadId: null, eventId: peek.id, detail: reading.reason };
        case "engagement": {
          const [engagement] = await trx("engagements")
            .insert({
              tenant_id: peek.tenant_id,
              lead_id: reading.leadId,
              type: "email_replied",
              channel: "email",
              inbound_event_id: peek.id,
              email_message_id: reading.emailMessageId,
              data: JSON.stringify({ subject: reading.subject }),
              occurred_at: now,
            })
            .returning("id");
          await timeline(trx, peek, reading.leadId, now, {
            type: "email",
            action: "lead.replied",
            title: `Replied: ${reading.subject ?? "(no subject)"}`,
            body: reading.note,
          });
          await trx("leads").where("id", reading.leadId).update({ last_activity_at: now, updated_at: now });
          await addBehaviourPoints(trx, {
            tenantId: data.tenantId,
            leadId: reading.leadId,
            behaviour: "email_replied",
            engagementId: engagement.id,
            sets: sets!,
            settings: scoringSettings,
            now,
          });
          // A person answered: the machine stops talking.
          await trx("email_messages")
            .where("id", reading.emailMessageId)
            .whereNull("replied_at")
            .update({ replied_at: now, updated_at: now });
          await exitEnrollments(trx, {
            tenantId: data.tenantId,
            leadIds: [reading.leadId],
            reason: "replied",
            now,
            detail: reading.subject ?? undefined,
          });
          await finish(trx, peek, now, "engagement", reading.leadId);
          return { outcome: "engagement", leadId: reading.leadId, eventId: peek.id, detail: "reply to our message" };
        }
        case "lead": {
          const onTimeline = (leadId: string, entry: Parameters<typeof timeline>[4]) => timeline(trx, peek, leadId, now, entry);
          const matches = keys ? await matchLead(trx, data.tenantId, keys, { rules, region: peek.default_region }) : [];
          const best = matches[0];
          if (best?.decision === "merge") {
            const { reengaged } = await mergeSubmission(trx, {
              ev: peek,
              match: best,
              fields: normalised!.fields,
              consent: reading.adapted.consent,
              now,
              timeline: onTimeline,
            });
            if (normalised!.fields.gdpr_consent) await trx("consents").insert(consentOf(peek, reading, best.id, now));
            if (reading.note)
              await onTimeline(best.id, { type: "note", action: "lead.message", title: "Message", body: reading.note.slice(0, 20_000) });
            await addBehaviourPoints(trx, {
              tenantId: data.tenantId,
              leadId: best.id,
              behaviour: "form_resubmitted",
              engagementId: null,
              sets: sets!,
              settings: scoringSettings,
              now,
            });
            await emitEvents(trx, [
              {
                tenantId: data.tenantId,
                type: "lead.merged",
                recordType: "lead",
                recordId: best.id,
                now,
                payload: {
                  ...leadPayload({ ...best.row }),
                  inbound_event_id: peek.id,
                  match: { score: best.score, reasons: best.reasons },
                },
              },
            ]);
            await saveAttachments(trx, peek, best.id, reading);
            if (emailDropped)
              await onTimeline(best.id, { type: "note", action: "lead.email_dropped", title: "Email dropped", body: emailDropped.message });
            await finish(trx, peek, now, "merged", best.id, { unmapped: reading.adapted.unmapped, error: emailDropped });
            return {
              outcome: "merged",
              leadId: best.id,
              eventId: peek.id,
              detail: `into ${best.row.lead_number}${reengaged ? ", re-engaged" : ""}: ${best.reasons.join(", ")}`,
            };
          }
          // The owner is chosen before the lead is written, so one insert carries it.
          const assignInput: AssignInput | null =
            sets && (sets.assignmentRules || assignmentSettings.fallback_user_id)
              ? {
                  slots: ctx.slots,
                  tenantId: data.tenantId,
                  lead: { ...ruleView, lead_number: leadNumber!, lead_score: scored?.score ?? 0, grade: scored?.grade ?? null },
                  sets,
                  settings: assignmentSettings,
                  tenantTimeZone: peek.tenant_time_zone,
                  now,
                  cause: "New lead",
                }
              : null;
          const assignment = assignInput && (await chooseOwner(trx, assignInput));
          const leadId = await createLead(trx, peek, reading, normalised!, leadNumber!, now, keys && dedupColumns(keys), {
            scored,
            scoreVersion: sets?.scoringVersion ?? null,
            assignment,
            assignInput,
          });
          numberUsed = true;
          // The new lead as stored, for the conversion and enrolment rules.
          const stored = {
            ...ruleView,
            id: leadId,
            lead_score: scored?.score ?? 0,
            grade: scored?.grade ?? null,
            owner_id: assignment?.rep?.id ?? null,
          };
          if (best) await openReviews(trx, peek, leadId, matches, now, onTimeline);
          // A new lead can meet a conversion rule at once (a score or a budget high enough).
          if (sets?.conversion.length) {
            await convertIfRuleHolds(trx, data.tenantId, stored, now, null, sets.conversion);
          }
          // Sequences whose enrolment rule the new lead meets take it now; their first steps are scheduled after the commit.
          if (sets?.enrol.length && !reading.spam) {
            dueSteps = await enrolByRules(trx, data.tenantId, [stored], "created", sets, now);
          }
          const outcome = reading.spam ? "spam" : "created";
          await finish(trx, peek, now, outcome, leadId, { unmapped: reading.adapted.unmapped, error: emailDropped });
          return {
            outcome,
            leadId,
            eventId: peek.id,
            detail: best ? `${leadNumber}, possible duplicate of ${best.row.lead_number}` : leadNumber!,
          };
        }
      }
    })
    .finally(() => {
      if (leadNumber && !numberUsed) ctx.leadNumbers.giveBack(data.tenantId, now, leadNumber);
    });
  if (dueSteps.length) await scheduleSoon(ctx.queues, ctx.clock, ctx.log, dueSteps);
  await touchSource(ctx.db, peek, now);
  if (numberUsed) void ctx.leadStats.grew(data.tenantId);
  return result;
}

/** One of our mails bounced: the message is marked, the address suppressed, its leads leave their sequences. */
async function recordBounce(trx: Knex, tenantId: string, bounce: Bounced, now: Date) {
  await trx("email_messages").where("id", bounce.emailMessageId).update({ status: "bounced", bounced_at: now, updated_at: now });
  await suppressEmail(trx, {
    tenantId,
    email: bounce.email,
    reason: "bounced",
    leadId: bounce.leadId,
    emailMessageId: bounce.emailMessageId,
    now,
  });
}

/** The source's last delivery, written at most once a minute so busy sources do not contend on their row. */
async function touchSource(db: Knex, ev: EventRow, now: Date) {
  const [table, id, column] = ev.partner_id ? ["partners", ev.partner_id, "last_delivery_at"] : ["forms", ev.form_id, "last_submission_at"];
  if (!id) return;
  await db(table)
    .where("id", id)
    .where((q) => q.whereNull(column).orWhere(column, "<", new Date(now.getTime() - 60_000)))
    .update({ [column]: now });
}

/** After the last retry: the event ends failed, with the reason, so nothing waits forever. */
export async function failIntake(ctx: JobContext, data: IntakePayload, err: Error): Promise<void> {
  await ctx
    .db("inbound_events")
    .where({ id: data.eventId, tenant_id: data.tenantId })
    .whereIn("status", ["received", "processing"])
    .update({
      status: "failed",
      outcome: "rejected",
      error: JSON.stringify({ code: "processing_failed", message: err.message.slice(0, 500) }),
      processed_at: ctx.clock.now(),
      updated_at: ctx.clock.now(),
    });
}
