import type pg from "pg";
import { randomFillSync } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { LRUCache } from "lru-cache";
import type { Queues } from "../../core/queues.ts";
import { enqueueFirstJobs, hasGraph } from "../../core/inbound.ts";
import type { Logger } from "../../core/logger.ts";
import { AppError, unavailable, unprocessable } from "../../core/errors.ts";
import { isDatabaseDown } from "../errors.ts";
import { storableText } from "../../core/text/storable.ts";
import { withTenants } from "../../core/tenant-scope.ts";
import { knownSecretValues, redactSecrets, redactText } from "../../core/secrets.ts";

export interface InboundEvent {
  tenantId: string;
  channel: "api" | "form" | "webhook" | "email" | "csv";
  format: string;
  partnerId: string | null;
  apiKeyId: string | null;
  formId?: string | null;
  /** The vendor's lead id: a retry with the same one is answered with the first event. */
  vendorId?: string | null;
  /** A signed delivery's signature: the same delivery replayed is answered with the first event. */
  signature?: string | null;
  idempotencyKey: string | null;
  bodyHash: string | null;
  payload: unknown;
  /** The payload as the JSON text it arrived in, when it did: stored as is, not serialised again. */
  payloadText?: string;
  raw: string | null;
  contentType: string | null;
  remoteIp: string | null;
  /** A rejected event is stored for the record (status failed, outcome rejected) and never queued. */
  rejection?: { code: string; message: string; details?: unknown };
  /** The sender's own secrets (a partner's vendor secrets and signing secret): redacted wherever they appear. */
  knownSecrets?: readonly unknown[];
}

export interface WriteResult {
  id: string;
  /** Set when an earlier request already stored it: same idempotency key and body, vendor id or signature. */
  replayed: boolean;
}

interface Pending {
  /** Given when its batch is flushed. */
  id: string;
  event: InboundEvent;
  resolve(r: WriteResult): void;
  reject(e: unknown): void;
}

/**
 * UUIDv7 ids (time-ordered, so the primary-key index grows at its right edge under load) for a
 * batch, with one call for the randomness of all of them: uuid's own rng asks the OS for 16 bytes
 * per id, which was ~3% of the API's CPU at full ingest load.
 */
function newIds(n: number): string[] {
  const random = randomFillSync(Buffer.allocUnsafe(16 * n));
  const msecs = Date.now();
  return Array.from({ length: n }, (_, i) => uuidv7({ random: random.subarray(16 * i, 16 * i + 16), msecs }));
}

const INSERT = `
  INSERT INTO inbound_events (id, tenant_id, channel, format, partner_id, api_key_id, idempotency_key, body_hash,
                              payload, raw, content_type, remote_ip, status, outcome, error, form_id, vendor_id,
                              signature, processed_at)
  SELECT u.id, u.tenant_id, u.channel, u.format, u.partner_id, u.api_key_id, u.idempotency_key, u.body_hash,
         u.payload, u.raw, u.content_type, u.remote_ip, u.status, u.outcome, u.error, u.form_id, u.vendor_id,
         u.signature, CASE WHEN u.status = 'failed' THEN now() END
  FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[],
              $9::jsonb[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::jsonb[],
              $16::uuid[], $17::text[], $18::text[])
       AS u(id, tenant_id, channel, format, partner_id, api_key_id, idempotency_key, body_hash,
            payload, raw, content_type, remote_ip, status, outcome, error, form_id, vendor_id, signature)
  ON CONFLICT DO NOTHING
  RETURNING id`;

// The stored event a conflicting row collided with: by idempotency key, vendor id or signature.
const EXISTING = `
  SELECT k.n, e.id, e.body_hash, (e.idempotency_key IS NOT DISTINCT FROM k.idempotency_key) AS same_key
  FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[])
       AS k(n, tenant_id, partner_id, idempotency_key, vendor_id, signature)
  JOIN inbound_events e ON e.tenant_id = k.tenant_id AND (
       (k.idempotency_key IS NOT NULL AND e.idempotency_key = k.idempotency_key)
    OR (k.vendor_id IS NOT NULL AND e.partner_id = k.partner_id AND e.vendor_id = k.vendor_id)
    OR (k.signature IS NOT NULL AND e.partner_id = k.partner_id AND e.signature = k.signature))`;

// PostgreSQL text and jsonb cannot hold NUL or a lone surrogate: each becomes U+FFFD, the one change
// made to what a sender sent. (JSON.stringify escapes exactly those lone surrogates, so any escape
// in the D800-DFFF range in its output is one.)
const storable = (jsonText: string) => jsonText.replace(/(?<!\\)((?:\\\\)*)\\u(0000|d[89a-f][0-9a-f]{2})/gi, "$1\\ufffd");
const json = (v: unknown) => (v === undefined || v === null ? null : storable(JSON.stringify(v)));

/**
 * What is stored of an event, secrets redacted (core/secrets.ts): marketers read inbound events,
 * and a vendor's credential (Google's google_key sits in the body) must not outlive its check.
 */
function storedForm(e: InboundEvent) {
  const secrets = e.knownSecrets ?? [];
  const known = knownSecretValues(secrets);
  const payload = redactSecrets(e.payload, secrets);
  // The text as it arrived is kept only when it holds nothing to redact (a duplicate key can hide a value the object lost).
  const text =
    e.payloadText !== undefined && payload === e.payload && redactText(e.payloadText, known) === e.payloadText
      ? storable(e.payloadText)
      : json(payload);
  return {
    payload: text,
    raw: e.raw === null ? null : storableText(redactText(e.raw, known)),
    error: json(redactSecrets(e.rejection, secrets)),
  };
}

const keyOf = (e: InboundEvent) => `${e.tenantId}\u0000${e.idempotencyKey}`;
const reusedKey = () => unprocessable("idempotency_key_reused", "this Idempotency-Key was already used with a different request body");

/**
 * Group commit for inbound events: requests arriving together share one INSERT (unnest) and one
 * BullMQ addBulk, and each is answered only once its own row is committed. Under light load a
 * batch is one request (no added latency); under heavy load batches grow by themselves while the
 * previous flush runs.
 */
export class EventWriter {
  private queue: Pending[] = [];
  private flushing = 0;
  private scheduled = false;
  /** Idempotency keys whose first request has not been answered yet (this process). */
  private inFlight = new Set<string>();
  /**
   * Keys already stored, with their event and body hash: a retry is answered from here, without a
   * round trip that would mark the key in flight again and turn the other retries into 409s. Safe to
   * cache: a keyed event is never deleted and never changes its id or body.
   */
  private stored = new LRUCache<string, { id: string; bodyHash: string | null }>({ max: 10_000 });

  constructor(
    private readonly pool: pg.Pool,
    private readonly queues: Queues,
    private readonly log: Logger,
    private readonly opts = { maxBatch: 500, maxConcurrentFlushes: 3 },
  ) {}

  async write(event: InboundEvent): Promise<WriteResult> {
    const key = event.idempotencyKey ? keyOf(event) : null;
    const known = key && !event.rejection ? this.stored.get(key) : undefined;
    if (known) {
      if (known.bodyHash !== event.bodyHash) throw reusedKey();
      return { id: known.id, replayed: true };
    }
    if (key && this.inFlight.has(key)) {
      // draft-ietf-httpapi-idempotency-key-header §2.7: a retry while the first is being processed is a 409.
      throw new AppError(
        "conflict",
        "idempotency_in_flight",
        "a request with this Idempotency-Key is still being processed; retry shortly",
        undefined,
        { "Retry-After": "1" },
      );
    }
    if (key) this.inFlight.add(key);
    try {
      return await new Promise<WriteResult>((resolve, reject) => {
        this.queue.push({ id: "", event, resolve, reject });
        this.schedule();
      });
    } finally {
      if (key) this.inFlight.delete(key);
    }
  }

  private schedule() {
    if (this.scheduled || this.flushing >= this.opts.maxConcurrentFlushes || this.queue.length === 0) return;
    this.scheduled = true;
    // setImmediate: requests parsed in the same turn of the event loop join one batch.
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.queue.splice(0, this.opts.maxBatch);
      if (batch.length === 0) return;
      this.flushing++;
      // One batch holds several tenants' deliveries, each tenant taken from its authenticated key.
      withTenants(
        batch.map((p) => p.event.tenantId),
        () => this.flush(batch),
      )
        .catch((err) => {
          const answer = isDatabaseDown(err) ? unavailable("the database is unavailable, retry shortly") : err;
          if (!(answer instanceof AppError)) this.log.error({ err }, "inbound event batch failed");
          for (const p of batch) p.reject(answer);
        })
        .finally(() => {
          this.flushing--;
          this.schedule();
        });
      this.schedule();
    });
  }

  private async flush(batch: Pending[]) {
    const ids = newIds(batch.length);
    batch.forEach((p, i) => (p.id = ids[i]));
    const cols: unknown[][] = Array.from({ length: 18 }, () => []);
    for (const { id, event: e } of batch) {
      const kept = storedForm(e);
      const row = [
        id,
        e.tenantId,
        e.channel,
        e.format,
        e.partnerId,
        e.apiKeyId,
        e.idempotencyKey,
        e.bodyHash,
        kept.payload,
        kept.raw,
        e.contentType,
        e.remoteIp,
        e.rejection ? "failed" : "received",
        e.rejection ? "rejected" : null,
        kept.error,
        e.formId ?? null,
        e.vendorId ?? null,
        e.signature ?? null,
      ];
      row.forEach((v, i) => cols[i].push(v));
    }
    const inserted = await this.pool.query<{ id: string }>({ name: "inbound-events-insert-v2", text: INSERT, values: cols });
    const stored = new Set(inserted.rows.map((r) => r.id));

    const replays = batch.filter((p) => !stored.has(p.id));
    if (replays.length) await this.answerReplays(replays);

    const toQueue = batch.filter((p) => stored.has(p.id) && !p.event.rejection);
    try {
      await enqueueFirstJobs(
        this.queues,
        toQueue.map((p) => ({ tenantId: p.event.tenantId, eventId: p.id, format: p.event.format, fetched: hasGraph(p.event.payload) })),
      );
    } catch (err) {
      // The rows are committed: the sweeper re-enqueues them once Redis is back.
      this.log.warn({ err: (err as Error).message, count: toQueue.length }, "enqueue failed; left to the sweeper");
    }
    for (const p of batch) {
      if (!stored.has(p.id)) continue;
      if (p.event.idempotencyKey && !p.event.rejection) this.stored.set(keyOf(p.event), { id: p.id, bodyHash: p.event.bodyHash });
      p.resolve({ id: p.id, replayed: false });
    }
  }

  /**
   * Same idempotency key and same body: the first answer again; same key, other body: 422.
   * Same vendor id or signature: the first event (a vendor's retry or a replayed delivery).
   */
  private async answerReplays(replays: Pending[]) {
    const e = replays.map((p) => p.event);
    const { rows } = await this.pool.query<{ n: number; id: string; body_hash: string; same_key: boolean }>({
      name: "inbound-events-existing-v2",
      text: EXISTING,
      values: [
        replays.map((_, i) => i),
        e.map((x) => x.tenantId),
        e.map((x) => x.partnerId),
        e.map((x) => x.idempotencyKey),
        e.map((x) => x.vendorId ?? null),
        e.map((x) => x.signature ?? null),
      ],
    });
    const byIndex = new Map(rows.map((r) => [r.n, r]));
    for (const [i, p] of replays.entries()) {
      const prior = byIndex.get(i);
      if (!prior) p.reject(new Error("insert conflict without a stored event"));
      else if (p.event.idempotencyKey && prior.same_key && prior.body_hash !== p.event.bodyHash) {
        p.reject(reusedKey());
      } else {
        if (p.event.idempotencyKey && prior.same_key) this.stored.set(keyOf(p.event), { id: prior.id, bodyHash: prior.body_hash });
        p.resolve({ id: prior.id, replayed: true });
      }
    }
  }
}
