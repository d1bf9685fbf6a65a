import { v7 as uuidv7 } from "uuid";
import type { JobContext, JobResult } from "../context.ts";
import { indiamartAdapter } from "../capture/indiamart.ts";
import { indiamartResponseItems } from "../capture/index.ts";
import { enqueueFirstJobs } from "../inbound.ts";
import { sha256 } from "../crypto.ts";
import { outboundFetch, vendorUrl } from "../outbound.ts";

/** IndiaMART allows one pull every 5 minutes per key, over a window of at most 7 days. */
export const INDIAMART_POLL_MINUTES = 5;
const MAX_WINDOW_MS = 7 * 24 * 3600_000;
const FIRST_WINDOW_MS = 24 * 3600_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** IndiaMART reads times in IST as DD-Mon-YYYYHH:MM:SS. */
export function indiamartTime(d: Date): string {
  const ist = new Date(d.getTime() + 5.5 * 3600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(ist.getUTCDate())}-${MONTHS[ist.getUTCMonth()]}-${ist.getUTCFullYear()}${p(ist.getUTCHours())}:${p(ist.getUTCMinutes())}:${p(ist.getUTCSeconds())}`;
}

/**
 * Pulls new IndiaMART leads for every partner with a CRM key, from where the last pull ended.
 * Each lead is stored with its UNIQUE_QUERY_ID as vendor id, so an overlapping window or a lead
 * also pushed to us is stored once; the window moves on only after its leads are committed.
 */
export async function pollIndiamartPartners(ctx: JobContext): Promise<JobResult> {
  const partners = await ctx
    .db("partners")
    .where("is_active", true)
    .whereNull("deleted_at")
    .whereNotNull("secrets_enc")
    .select("id", "tenant_id", "name", "settings", "secrets_enc", "poll_state");
  let stored = 0;
  for (const p of partners) {
    const key = ctx.partnerSecrets(p.secrets_enc).indiamart_crm_key;
    if (!key) continue;
    try {
      stored += await pollPartner(ctx, p, key);
    } catch (err) {
      // The message names the host or IndiaMART's CODE, never the URL: the CRM key is in its query.
      ctx.log.warn(
        { partner: p.id, err: (err as Error).message.slice(0, 300) },
        "IndiaMART pull failed; the next tick retries the same window",
      );
    }
  }
  return { outcome: "polled", detail: `${stored} new leads` };
}

/** IndiaMART's own lead keys (UNIQUE_QUERY_ID, QUERY_*, SENDER_*, RECEIVER_* …); anything else in an answer is not kept. */
const INDIAMART_KEY = /^(UNIQUE_QUERY_ID|SUBJECT|CALL_DURATION|(QUERY|SENDER|RECEIVER)_[A-Z0-9_]+)$/;
const MAX_VALUE_CHARS = 10_000;

/** One pulled lead with only IndiaMART's flat fields (and those the partner's field mapping names). */
export function keepIndiamartFields(item: Record<string, unknown>, mapping: unknown): Record<string, unknown> {
  const mapped = new Set(mapping && typeof mapping === "object" ? Object.keys(mapping) : []);
  const flat = (v: unknown) =>
    v === null || typeof v === "number" || typeof v === "boolean" || (typeof v === "string" && v.length <= MAX_VALUE_CHARS);
  return Object.fromEntries(Object.entries(item).filter(([k, v]) => (INDIAMART_KEY.test(k) || mapped.has(k)) && flat(v)));
}

export async function pollPartner(
  ctx: JobContext,
  p: { id: string; tenant_id: string; settings: Record<string, unknown>; poll_state: { indiamart_until?: string } },
  key: string,
): Promise<number> {
  const now = ctx.clock.now();
  const since = p.poll_state?.indiamart_until ? new Date(p.poll_state.indiamart_until) : new Date(now.getTime() - FIRST_WINDOW_MS);
  const start = new Date(Math.max(since.getTime(), now.getTime() - MAX_WINDOW_MS));
  const url = vendorUrl(
    String(p.settings?.indiamart_base_url ?? ctx.settings.indiamartBaseUrl),
    ["wservce", "crm", "crmListing", "v2", ""],
    {
      glusr_crm_key: key,
      start_time: indiamartTime(start),
      end_time: indiamartTime(now),
    },
  );
  const res = await outboundFetch(url, { allowPrivate: ctx.settings.outboundAllowPrivate, timeoutMs: 20_000 });
  if (res.status < 200 || res.status >= 300) throw new Error(`IndiaMART answered ${res.status}`);
  let body: unknown;
  try {
    body = res.json();
  } catch {
    throw new Error(`IndiaMART answered ${res.status} with a body that is not JSON`);
  }
  const items = indiamartResponseItems(body).map((item) => keepIndiamartFields(item, p.settings?.field_mapping));

  const rows = items.map((item) => ({
    id: uuidv7(),
    tenant_id: p.tenant_id,
    channel: "webhook",
    format: "indiamart",
    partner_id: p.id,
    vendor_id: indiamartAdapter.vendorId(item),
    body_hash: sha256(JSON.stringify(item)),
    payload: JSON.stringify(item),
    content_type: "application/json",
  }));
  const inserted: { id: string }[] = rows.length ? await ctx.db("inbound_events").insert(rows).onConflict().ignore().returning("id") : [];
  await ctx
    .db("partners")
    .where("id", p.id)
    .update({ poll_state: JSON.stringify({ ...p.poll_state, indiamart_until: now.toISOString() }) });
  await enqueueFirstJobs(
    ctx.queues,
    inserted.map((r) => ({ tenantId: p.tenant_id, eventId: r.id, format: "indiamart", fetched: true })),
  ).catch(() => ctx.log.warn("IndiaMART leads stored; enqueue left to the sweeper"));
  return inserted.length;
}
