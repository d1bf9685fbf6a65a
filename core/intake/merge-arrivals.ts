import type { Knex } from "knex";
import type { JobResult } from "../context.ts";
import type { RuleSets } from "../rules/rule-sets.ts";
import type { ArrivalDecision } from "../dedup/match-batch.ts";
import { planSubmissionMerge } from "../dedup/submission.ts";
import { scoreOf, type ScoringSettings } from "../scoring/score.ts";
import { scoreChangeRows } from "../scoring/record-score.ts";
import { eventRow, leadPayload } from "../events/outbox.ts";
import type { NewLeadRow } from "../assignment/route-new-leads.ts";
import type { ReadEvent } from "./read-batch.ts";
import { attachmentRows, consentOf, entryOf, submissionRow, type Rows } from "./rows.ts";

type Lead = Record<string, unknown> & { id: string };

export interface MergeInput {
  tenantId: string;
  region: string;
  sets: RuleSets | null;
  scoring: ScoringSettings;
  now: Date;
  rows: Rows;
  /** The batch's new leads by id: an arrival merged into one of them changes its row before the insert. */
  newLeads: Map<string, NewLeadRow>;
  merges: { it: ReadEvent; d: Extract<ArrivalDecision, { kind: "merge" }> }[];
}

/**
 * The batch's submissions from people we already have, in arrival order: each fills in its lead
 * (an existing one, locked here in one statement, or one this batch creates), adds its rows to the
 * batch's inserts and earns the lead its re-submission points. Answers each event's result, the
 * patches for the existing leads (one update for all), and the leads whose score moved.
 */
export async function mergeArrivals(trx: Knex.Transaction, m: MergeInput) {
  const { tenantId, now, rows } = m;
  const existing = [...new Set(m.merges.filter(({ d }) => !d.intoNew).map(({ d }) => d.match.id))];
  // NO KEY UPDATE: the merge changes no key, so other batches' rows that point at these leads
  // (their foreign-key checks take KEY SHARE) neither wait for it nor deadlock with it.
  const locked: Lead[] = existing.length ? await trx("leads").whereIn("id", existing).orderBy("id").forNoKeyUpdate().select("*") : [];
  const survivors = new Map<string, Lead>(locked.map((l) => [l.id, l]));
  const patches = new Map<string, Record<string, unknown>>();
  const changed = new Map<string, Lead>();
  const results = new Map<string, JobResult>();
  const done: { it: ReadEvent }[] = [];
  const points = m.scoring.behaviour.form_resubmitted ?? 0;

  for (const { it, d } of m.merges) {
    const survivor: Lead | undefined = d.intoNew ? m.newLeads.get(d.match.id) : survivors.get(d.match.id);
    // Deleted since the lookup found it (it is locked now): the event fails and is retried, to be created then.
    if (!survivor) throw new Error(`lead ${d.match.id} to merge into is gone`);
    const { ev } = it;
    const reading = it.reading as Extract<ReadEvent["reading"], { kind: "lead" }>;
    const { fields } = it.lead!;
    const before = { ...survivor };
    const planned = planSubmissionMerge(survivor, { ev, match: d.match, fields, consent: reading.adapted.consent, now });
    const change = { ...planned.update };
    rows.merges.push(planned.merge);
    rows.submissions.push(submissionRow(ev, survivor.id, ev.payload ?? {}, planned.merge.id as string, planned.plan.notTaken, now));
    rows.activities.push(entryOf(ev, survivor.id, now, planned.entry));
    if (planned.milestone) rows.milestones.push(planned.milestone);
    Object.assign(survivor, change);
    if (fields.gdpr_consent) rows.consents.push(consentOf(it, survivor.id, now));
    if (reading.note) {
      rows.activities.push(
        entryOf(ev, survivor.id, now, { type: "note", action: "lead.message", title: "Message", body: reading.note.slice(0, 20_000) }),
      );
    }
    // Coming back is behaviour: the lead earns its points, and is re-scored with the values it just took.
    if (points && m.sets) {
      const behaviour = Math.max(0, Number(survivor.behaviour_score) + points);
      const scored = scoreOf(m.sets.score, survivor, behaviour, now);
      const scoreChange = {
        behaviour_score: behaviour,
        lead_score: scored.score,
        grade: scored.grade,
        priority: scored.priority,
        score_version: m.sets.scoringVersion,
        decayed_at: null,
      };
      const score = scoreChangeRows([
        {
          tenantId,
          leadId: survivor.id,
          previous: Number(survivor.lead_score),
          scored,
          reason: "behaviour",
          cause: `${points >= 0 ? "+" : "−"}${Math.abs(points)} form resubmitted`,
          version: m.sets.scoringVersion,
          now,
        },
      ]);
      Object.assign(survivor, scoreChange);
      Object.assign(change, scoreChange);
      rows.history.push(...score.history);
      rows.activities.push(...score.timeline);
      rows.outbox.push(...score.events);
      changed.set(survivor.id, survivor);
    }
    if (!d.intoNew) patches.set(survivor.id, { ...patches.get(survivor.id), ...change });
    rows.outbox.push(
      eventRow({
        tenantId,
        type: "lead.merged",
        recordType: "lead",
        recordId: survivor.id,
        now,
        payload: { ...leadPayload(before), inbound_event_id: ev.id, match: { score: d.match.score, reasons: d.match.reasons } },
      }),
    );
    rows.attachments.push(...attachmentRows(it, survivor.id));
    const dropped = it.lead!.emailDropped;
    if (dropped) {
      rows.activities.push(
        entryOf(ev, survivor.id, now, { type: "note", action: "lead.email_dropped", title: "Email dropped", body: dropped.message }),
      );
    }
    const reengaged = planned.milestone ? ", re-engaged" : "";
    results.set(ev.id, {
      outcome: "merged",
      leadId: survivor.id,
      eventId: ev.id,
      detail: `into ${survivor.lead_number as string}${reengaged}: ${d.match.reasons.join(", ")}`,
    });
    done.push({ it });
  }
  return {
    results,
    done,
    patches: [...patches].map(([id, patch]) => ({ id, patch })),
    changed: [...changed.values()],
  };
}
