import type { EventRow } from "../capture/read-event.ts";
import type { NewLeadRow } from "../assignment/route-new-leads.ts";
import { timelineRow, type TimelineEntry } from "../lead/timeline.ts";
import { consentRow } from "../privacy/consents.ts";
import type { ReadEvent } from "./read-batch.ts";

/** The entry as a timeline row naming the event it came from. */
export const entryOf = (ev: EventRow, leadId: string, now: Date, entry: TimelineEntry) =>
  timelineRow(ev.tenant_id, leadId, now, {
    ...entry,
    data: { inbound_event_id: ev.id, channel: ev.channel, format: ev.format, ...entry.data },
  });

/** The consent record of a lead that arrived with consent (GDPR: purpose, wording, source, time, IP). */
export const consentOf = (it: ReadEvent, leadId: string, now: Date) => {
  const reading = it.reading as Extract<ReadEvent["reading"], { kind: "lead" }>;
  return consentRow(it.ev, {
    leadId,
    now,
    vendorConsent: reading.adapted.consent,
    visitorIp: (reading.adapted.lead.custom_fields as Record<string, unknown> | undefined)?.ip_address,
  });
};

/** Rows the batch writes, by table, each in one insert. */
export class Rows {
  leads: NewLeadRow[] = [];
  merges: Record<string, unknown>[] = [];
  submissions: Record<string, unknown>[] = [];
  activities: Record<string, unknown>[] = [];
  history: Record<string, unknown>[] = [];
  notifications: Record<string, unknown>[] = [];
  outbox: Record<string, unknown>[] = [];
  consents: Record<string, unknown>[] = [];
  reviews: Record<string, unknown>[] = [];
  milestones: Record<string, unknown>[] = [];
  attachments: Record<string, unknown>[] = [];
  finished: Record<string, unknown>[] = [];
}

export function submissionRow(ev: EventRow, leadId: string, data: unknown, mergeId: string | null, notTaken: unknown, now: Date) {
  return {
    tenant_id: ev.tenant_id,
    lead_id: leadId,
    inbound_event_id: ev.id,
    channel: ev.channel,
    vendor_id: ev.vendor_id,
    data,
    not_taken: notTaken,
    merge_id: mergeId,
    created_at: now,
    updated_at: now,
  };
}

export function attachmentRows(it: ReadEvent, leadId: string) {
  if (it.reading.kind !== "lead") return [];
  return it.reading.attachments.map((a) => ({
    tenant_id: it.ev.tenant_id,
    inbound_event_id: it.ev.id,
    lead_id: leadId,
    filename: a.filename?.slice(0, 300) ?? null,
    content_type: a.contentType.slice(0, 200),
    size: a.size,
    content: a.content,
  }));
}
