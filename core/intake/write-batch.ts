import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import type { JobResult } from "../context.ts";
import type { RoundRobinSlots } from "../assignment/slots.ts";
import type { RuleSets } from "../rules/rule-sets.ts";
import { insertAll } from "../db.ts";
import { eventRow, leadPayload, type OutboxEvent } from "../events/outbox.ts";
import { dedupColumns } from "../dedup/columns.ts";
import { lockAndFindBatchCandidates } from "../dedup/candidates.ts";
import { decideArrivals, type Arrival, type ArrivalDecision } from "../dedup/match-batch.ts";
import { nameAloneMatters } from "../dedup/match.ts";
import { rulesFrom } from "../dedup/rules.ts";
import { scoringSettingsFrom } from "../scoring/score.ts";
import { assignmentSettingsFrom } from "../assignment/rules.ts";
import { routeNewLeads, ruleView, UNROUTED, type NewLeadRow } from "../assignment/route-new-leads.ts";
import { convertIfRuleHolds } from "../crm/conversion-rules.ts";
import { enrolByRules, type DueStep } from "../nurture/enrol.ts";
import type { EventRow } from "../capture/read-event.ts";
import type { ReadEvent } from "./read-batch.ts";
import { recordBounce, recordReply } from "./replies.ts";
import { mergeArrivals } from "./merge-arrivals.ts";
import { attachmentRows, consentOf, entryOf, Rows, submissionRow } from "./rows.ts";

export interface IntakeBatch {
  tenantId: string;
  /** Events read and not yet processed, in arrival order; all of one tenant. */
  items: ReadEvent[];
  sets: RuleSets | null;
  slots: RoundRobinSlots;
  /** Lead numbers taken for the batch's leads, one per lead event; the unused are given back. */
  numbers: string[];
  now: Date;
}

export interface Written {
  results: Map<string, JobResult>;
  dueSteps: DueStep[];
  created: number;
  numbersUsed: number;
}

/**
 * One batch of inbound events written in the caller's transaction with a fixed number of
 * statements, however many leads: the events locked, one candidate lookup for every lead (which
 * also takes the dedup locks), the merge targets locked, and one statement that inserts into every
 * table (leads, submissions, merges, timeline, score history, notifications, outbox, consents,
 * reviews, milestones) and updates the leads that took values and the events. Replies and bounces (rare, and each
 * its own small story) add their few statements each.
 */
export async function writeIntakeBatch(trx: Knex.Transaction, b: IntakeBatch): Promise<Written> {
  const { tenantId, now } = b;
  const head = b.items[0].ev;
  const region = head.default_region;
  const scoring = scoringSettingsFrom(head.scoring_settings);
  const rows = new Rows();
  const results = new Map<string, JobResult>();
  const finish = (ev: EventRow, outcome: string, leadId: string | null, extra: { error?: unknown; unmapped?: string[] } = {}) =>
    rows.finished.push({
      id: ev.id,
      status: outcome === "rejected" ? "failed" : "done",
      outcome,
      lead_id: leadId,
      error: extra.error ?? null,
      unmapped: extra.unmapped?.length ? extra.unmapped : null,
    });

  for (const { ev, reading } of b.items) {
    switch (reading.kind) {
      case "rejected":
        finish(ev, "rejected", null, { error: reading.error });
        results.set(ev.id, { outcome: "rejected", eventId: ev.id, detail: reading.error.message });
        break;
      case "ignored":
        if (reading.bounce) await recordBounce(trx, tenantId, reading.bounce, now);
        finish(ev, "ignored", reading.bounce?.leadId ?? null, { error: { code: "ignored", message: reading.reason } });
        results.set(ev.id, { outcome: "ignored", leadId: reading.bounce?.leadId ?? null, eventId: ev.id, detail: reading.reason });
        break;
      case "spam":
        // Content spam (a scam, a mass mailing): kept as the event with why, no lead, nothing routed.
        finish(ev, "spam", null, { error: { code: "spam", message: reading.reason } });
        results.set(ev.id, { outcome: "spam", leadId: null, eventId: ev.id, detail: reading.reason });
        break;
      case "engagement":
        await recordReply(trx, ev, reading, b.sets!, scoring, now);
        finish(ev, "engagement", reading.leadId);
        results.set(ev.id, { outcome: "engagement", leadId: reading.leadId, eventId: ev.id, detail: "reply to our message" });
        break;
      case "lead":
        break;
    }
  }

  const leads = b.items.filter((it) => it.lead);
  const rules = rulesFrom(head.dedup_rules);
  const arrivals: (Arrival | null)[] = leads.map((it) =>
    it.lead!.keys ? { keys: it.lead!.keys, fields: it.lead!.fields, found: [] } : null,
  );
  const found = await lockAndFindBatchCandidates(
    trx,
    tenantId,
    arrivals.flatMap((a, index) => (a ? [{ index, keys: a.keys }] : [])),
    nameAloneMatters(rules),
  );
  for (const row of found) arrivals[row.request]!.found.push(row);
  let numbersUsed = 0;
  const newLead = () => ({ id: randomUUID(), leadNumber: b.numbers[numbersUsed++] });
  // Spam is never matched: it is created as it is.
  const decisions: ArrivalDecision[] = decideArrivals(arrivals, { rules, region, now, newLead }).map(
    (d) => d ?? { kind: "create", ...newLead(), matches: [] },
  );

  const created = leads.flatMap((it, i) => {
    const d = decisions[i];
    return d.kind === "create" ? [{ it, d, row: newLeadRow(tenantId, it, d, now) }] : [];
  });
  rows.leads = created.map((c) => c.row);
  // Scored and assigned by the arrival's own fields, before later arrivals of the same person fill them in.
  const routed = created.filter((c) => !isSpam(c.it));
  const routing =
    b.sets && routed.length
      ? await routeNewLeads(
          trx,
          tenantId,
          {
            sets: b.sets,
            settings: assignmentSettingsFrom(head.assignment_settings),
            slots: b.slots,
            tenantTimeZone: head.tenant_time_zone,
          },
          routed.map((c) => c.row),
          now,
          { score: null, assign: "New lead" },
        )
      : null;
  const routingEntries = byRecord(routing?.activities ?? []);
  if (routing) rows.history.push(...routing.history);
  if (routing) rows.notifications.push(...routing.notifications);

  for (const { it, d, row } of created) {
    const { ev } = it;
    const reading = it.reading as Extract<ReadEvent["reading"], { kind: "lead" }>;
    const { fields, notes } = it.lead!;
    const spam = isSpam(it);
    const source = fields.source ?? ev.channel;
    rows.activities.push(
      entryOf(ev, row.id, now, {
        action: "lead.created",
        title: spam ? `Spam submission from ${source} (honeypot filled)` : `Lead created from ${source}`,
        body: notes.length ? notes.join("\n") : null,
      }),
      ...(reading.note
        ? [
            entryOf(ev, row.id, now, {
              type: "note",
              action: "lead.first_message",
              title: "First message",
              body: reading.note.slice(0, 20_000),
            }),
          ]
        : []),
      ...(routingEntries.get(row.id) ?? []),
    );
    const reviews = d.matches.filter((m) => m.decision === "review").slice(0, 3);
    if (reviews.length) {
      Object.assign(row, { is_duplicate: true, duplicate_of_id: reviews[0].id });
      rows.reviews.push(
        ...reviews.map((m) => ({
          tenant_id: tenantId,
          lead_id: row.id,
          candidate_lead_id: m.id,
          score: m.score,
          reasons: m.reasons,
          status: "open",
          origin: "intake",
          created_at: now,
          updated_at: now,
        })),
      );
      rows.activities.push(
        entryOf(ev, row.id, now, {
          action: "lead.possible_duplicate",
          title: `Possible duplicate of ${reviews[0].row.lead_number} (${reviews[0].score.toFixed(2)})`,
          body: reviews[0].reasons.join(", "),
          data: { candidates: reviews.map((m) => ({ lead_id: m.id, lead_number: m.row.lead_number, score: m.score })) },
        }),
      );
    }
    rows.submissions.push(submissionRow(ev, row.id, ev.payload ?? { note: reading.note }, null, null, now));
    if (fields.gdpr_consent && !spam) rows.consents.push(consentOf(it, row.id, now));
    rows.attachments.push(...attachmentRows(it, row.id));
    finish(ev, spam ? "spam" : "created", row.id, { unmapped: reading.adapted.unmapped, error: it.lead!.emailDropped });
    const best = d.matches[0];
    results.set(ev.id, {
      outcome: spam ? "spam" : "created",
      leadId: row.id,
      eventId: ev.id,
      detail: best ? `${d.leadNumber}, possible duplicate of ${best.row.lead_number}` : d.leadNumber,
    });
  }

  const merged = await mergeArrivals(trx, {
    tenantId,
    region,
    sets: b.sets,
    scoring,
    now,
    rows,
    newLeads: new Map(rows.leads.map((l) => [l.id, l])),
    merges: leads.flatMap((it, i) => {
      const d = decisions[i];
      return d.kind === "merge" ? [{ it, d }] : [];
    }),
  });
  for (const [id, r] of merged.results) results.set(id, r);
  for (const { it } of merged.done) {
    finish(it.ev, "merged", merged.results.get(it.ev.id)!.leadId!, {
      unmapped: (it.reading as Extract<ReadEvent["reading"], { kind: "lead" }>).adapted.unmapped,
      error: it.lead!.emailDropped,
    });
  }

  // What subscribers hear of a new lead: created, and scored and assigned when it was.
  for (const { it, row } of created) {
    const routedHere = !isSpam(it) && routing;
    rows.outbox.push(
      ...leadEvents(row, { scored: Boolean(routedHere && routing.scored), assigned: row.owner_id !== null }, now).map(eventRow),
    );
  }

  // The leads that took values and the events' outcomes go in the same statement as the inserts.
  const cols = [...new Set(merged.patches.flatMap((p) => Object.keys(p.patch)))];
  const patchLeads = {
    sql: `UPDATE leads l SET (${cols.join(", ")}) = (SELECT ${cols.map((c) => `r.${c}`).join(", ")} FROM jsonb_populate_record(l, v.patch) r)
       FROM jsonb_to_recordset(?::jsonb) AS v(id uuid, patch jsonb) WHERE l.id = v.id`,
    bindings: [JSON.stringify(merged.patches)],
  };
  const finishEvents = {
    sql: `UPDATE inbound_events e SET status = v.status, outcome = v.outcome, lead_id = v.lead_id, error = v.error, unmapped = v.unmapped,
       processed_at = ?, updated_at = ?, attempts = e.attempts + 1
     FROM jsonb_to_recordset(?::jsonb) AS v(id uuid, status text, outcome text, lead_id uuid, error jsonb, unmapped text[])
     WHERE e.id = v.id`,
    bindings: [now, now, JSON.stringify(rows.finished)],
  };
  await insertAll(
    trx,
    [
      ["leads", rows.leads],
      ["lead_merges", rows.merges],
      ["lead_submissions", rows.submissions],
      ["activities", rows.activities],
      ["score_history", rows.history],
      ["notifications", rows.notifications],
      ["outbox_events", rows.outbox],
      ["consents", rows.consents],
      ["duplicate_reviews", rows.reviews],
      ["milestones", rows.milestones],
    ],
    [...(cols.length ? [patchLeads] : []), finishEvents],
  );
  if (rows.attachments.length) await trx("attachments").insert(rows.attachments);

  // New leads and leads whose score moved may meet a conversion rule or an enrolment rule at once.
  const dueSteps: DueStep[] = [];
  const fresh = routed.map((c) => ruleView(c.row));
  if (b.sets?.conversion.length) {
    for (const lead of [...fresh, ...merged.changed]) await convertIfRuleHolds(trx, tenantId, lead, now, null, b.sets.conversion);
  }
  if (b.sets?.enrol.length) {
    dueSteps.push(...(await enrolByRules(trx, tenantId, fresh, "created", b.sets, now)));
    if (merged.changed.length) dueSteps.push(...(await enrolByRules(trx, tenantId, merged.changed, "changed", b.sets, now)));
  }
  return { results, dueSteps, created: created.length, numbersUsed };
}

const isSpam = (it: ReadEvent) => it.reading.kind === "lead" && it.reading.spam;

/** A new lead's row, with every column a batch's rows carry (the insert takes its columns from the first). */
function newLeadRow(tenantId: string, it: ReadEvent, d: { id: string; leadNumber: string }, now: Date): NewLeadRow {
  const { ev } = it;
  const reading = it.reading as Extract<ReadEvent["reading"], { kind: "lead" }>;
  const { fields, notes } = it.lead!;
  // Object.assign, not a literal of spreads: V8 builds a wide object from several spreads ~25× slower.
  // Its matching columns from the keys read with it; an arrival merged into it later rewrites them (planUpdate).
  return Object.assign({}, UNROUTED, NEW_LEAD_DEFAULTS, fields, it.lead!.keys && dedupColumns(it.lead!.keys), {
    owner_id: null,
    id: d.id,
    tenant_id: tenantId,
    lead_number: d.leadNumber,
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
  });
}

/** Columns every new lead row of a batch carries, whatever its fields (the insert takes its columns from the first row). */
const NEW_LEAD_DEFAULTS = {
  behaviour_score: 0,
  decayed_at: null,
  status: "new",
  is_duplicate: false,
  duplicate_of_id: null,
  additional_emails: [],
  additional_phones: [],
  email_key: null,
  email_local: null,
  name_key: null,
  company_key: null,
  pan: null,
  additional_email_keys: [],
};

/** Rows grouped by the record they belong to, in order. */
function byRecord(rows: Record<string, unknown>[]) {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    const id = r.record_id as string;
    const list = out.get(id);
    if (list) list.push(r);
    else out.set(id, [r]);
  }
  return out;
}

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
