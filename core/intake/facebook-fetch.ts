import { UnrecoverableError } from "bullmq";
import type { JobContext, JobResult } from "../context.ts";
import { jobId, type JobPayloads } from "../queues.ts";
import { outboundFetch, vendorUrl } from "../outbound.ts";

export type FetchPayload = JobPayloads["lead.fetch-facebook"];

export const GRAPH_FIELDS =
  "id,created_time,ad_id,ad_name,adset_id,campaign_id,campaign_name,form_id,field_data,is_organic,platform,custom_disclaimer_responses";

/** The Graph answer's fields that are kept on the event: those asked for, nothing else the server sent. */
export function pickGraphFields(answer: unknown): Record<string, unknown> {
  const a = (answer && typeof answer === "object" ? answer : {}) as Record<string, unknown>;
  return Object.fromEntries(
    GRAPH_FIELDS.split(",")
      .filter((k) => a[k] !== undefined)
      .map((k) => [k, a[k]]),
  );
}

/**
 * Meta's webhook names a lead but does not carry it: fetch its field_data from the Graph API with
 * the partner's page token, keep the fields asked for on the event, then hand the event to intake.
 * Network and 5xx failures retry with backoff; a refused token or address does not (no retry can
 * fix it). Errors say the status only: the URL holds the token, the body is the other side's.
 */
export async function fetchFacebookEvent(ctx: JobContext, data: FetchPayload): Promise<JobResult> {
  const ev = await ctx
    .db("inbound_events as e")
    .leftJoin("partners as p", "p.id", "e.partner_id")
    .where({ "e.id": data.eventId, "e.tenant_id": data.tenantId })
    .first("e.id", "e.status", "e.payload", "p.settings", "p.secrets_enc");
  if (!ev) throw new UnrecoverableError(`inbound event ${data.eventId} not found`);
  if (ev.status !== "received") return { outcome: "skipped", eventId: ev.id, detail: `already ${ev.status}` };
  const payload = ev.payload as { leadgen_id: string; graph?: unknown };
  if (!payload.graph) {
    const token = ctx.partnerSecrets(ev.secrets_enc).facebook_page_token;
    if (!token) throw new UnrecoverableError("the partner has no facebook_page_token");
    const graph = await fetchGraphLead(ctx, String(ev.settings?.graph_base_url ?? ctx.settings.graphBaseUrl), payload.leadgen_id, token);
    await ctx
      .db("inbound_events")
      .where("id", ev.id)
      .update({ payload: JSON.stringify({ ...payload, graph }), updated_at: ctx.clock.now() });
  }
  await ctx.queues.enqueue("lead.intake", { tenantId: data.tenantId, eventId: data.eventId }, { jobId: jobId.intake(data.eventId) });
  return { outcome: "fetched", eventId: ev.id, detail: `leadgen ${payload.leadgen_id}` };
}

async function fetchGraphLead(ctx: JobContext, base: string, leadgenId: string, token: string): Promise<Record<string, unknown>> {
  let res;
  try {
    res = await outboundFetch(vendorUrl(base, [String(leadgenId)], { fields: GRAPH_FIELDS, access_token: token }), {
      allowPrivate: ctx.settings.outboundAllowPrivate,
    });
  } catch (err) {
    const code = (err as { code?: string }).code ?? "";
    // A refused address, scheme or base URL is the partner's setting: retrying cannot fix it.
    if (/^outbound\.(address_refused|scheme_refused|userinfo_refused|invalid_url)$/.test(code))
      throw new UnrecoverableError(`Graph API not called (graph_base_url): ${(err as Error).message}`);
    throw err;
  }
  if (res.status === 400 || res.status === 401 || res.status === 403 || res.status === 404) {
    throw new UnrecoverableError(`Graph API refused lead ${leadgenId}: ${res.status}`);
  }
  if (res.status < 200 || res.status >= 300) throw new Error(`Graph API answered ${res.status}`);
  let answer: unknown;
  try {
    answer = res.json();
  } catch {
    throw new Error(`Graph API answered ${res.status} with a body that is not JSON`);
  }
  return pickGraphFields(answer);
}
