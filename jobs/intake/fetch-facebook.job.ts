import { UnrecoverableError } from "bullmq";
import { z } from "zod";
import type { JobContext, JobResult } from "../context.ts";
import { jobId } from "../../core/queues.ts";

export const payloadSchema = z.object({ tenantId: z.uuid(), eventId: z.uuid() });
export type FetchPayload = z.infer<typeof payloadSchema>;

export const GRAPH_FIELDS = "id,created_time,ad_id,ad_name,adset_id,campaign_id,campaign_name,form_id,field_data,is_organic,platform,custom_disclaimer_responses";

/**
 * Meta's webhook names a lead but does not carry it: fetch its field_data from the Graph API with
 * the partner's page token, keep the answer on the event, then hand the event to intake. Network
 * and 5xx failures retry with backoff; a refused token does not (no retry can fix it).
 */
export async function fetchFacebookLead(ctx: JobContext, data: FetchPayload): Promise<JobResult> {
  const ev = await ctx.db("inbound_events as e")
    .leftJoin("partners as p", "p.id", "e.partner_id")
    .where({ "e.id": data.eventId, "e.tenant_id": data.tenantId })
    .first("e.id", "e.status", "e.payload", "p.settings", "p.secrets_enc");
  if (!ev) throw new UnrecoverableError(`inbound event ${data.eventId} not found`);
  if (ev.status !== "received") return { outcome: "skipped", eventId: ev.id, detail: `already ${ev.status}` };
  const payload = ev.payload as { leadgen_id: string; graph?: unknown };
  if (!payload.graph) {
    const token = ctx.partnerSecrets(ev.secrets_enc).facebook_page_token;
    if (!token) throw new UnrecoverableError("the partner has no facebook_page_token");
    const base = String(ev.settings?.graph_base_url ?? ctx.settings.graphBaseUrl).replace(/\/$/, "");
    const url = `${base}/${encodeURIComponent(payload.leadgen_id)}?fields=${GRAPH_FIELDS}&access_token=${encodeURIComponent(token)}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    if (res.status === 400 || res.status === 401 || res.status === 403 || res.status === 404) {
      throw new UnrecoverableError(`Graph API refused lead ${payload.leadgen_id}: ${res.status} ${text.slice(0, 300)}`);
    }
    if (!res.ok) throw new Error(`Graph API answered ${res.status}`);
    await ctx.db("inbound_events")
      .where("id", ev.id)
      .update({ payload: JSON.stringify({ ...payload, graph: JSON.parse(text) }), updated_at: ctx.clock.now() });
  }
  await ctx.queues.enqueue("lead.intake", { tenantId: data.tenantId, eventId: data.eventId }, { jobId: jobId.intake(data.eventId) });
  return { outcome: "fetched", eventId: ev.id, detail: `leadgen ${payload.leadgen_id}` };
}
