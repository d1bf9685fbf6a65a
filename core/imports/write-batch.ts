import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import { insertAll, insertJsonRows } from "../db.ts";
import { decideBatch } from "../dedup/batch.ts";
import { dedupColumns } from "../dedup/columns.ts";
import { CONTACT_POINTS, MERGE_FIELDS, planUpdate } from "../dedup/fields.ts";
import { matchKeys, type LeadLike } from "../dedup/keys.ts";
import type { MatchRules } from "../dedup/rules.ts";
import type { LeadNumberAllocator } from "../lead/numbers.ts";
import { MARKETING } from "../privacy/consents.ts";
import type { PreparedRow } from "./prepare-rows.ts";
import type { DueStep } from "../nurture/enrol.ts";
import { afterNewLeads, routeNewLeads, type ImportRouting } from "./route-batch.ts";

export interface BatchContext {
  db: Knex;
  tenantId: string;
  importId: string;
  filename: string;
  region: string;
  rules: MatchRules;
  ownerId: string | null;
  /** Lead numbers in blocks reserved for many batches at once (a reservation is a commit of its own). */
  numbers: LeadNumberAllocator;
  /** The tenant's rules: new leads are scored, assigned, converted and enrolled as at intake. */
  routing: ImportRouting | null;
  now: Date;
}

export interface BatchCounts {
  imported: number;
  merged: number;
  flagged: number;
  rejected: number;
  /** First nurture steps of the leads enrolment rules took, to schedule once the batch commits. */
  dueSteps: DueStep[];
}

/** The source of an imported lead whose file and defaults name none. */
export const IMPORT_SOURCE = "csv_import";

/** Columns a merge may rewrite on an existing lead (merge fields, what derives from them, keys). */
const PATCHABLE = [
  ...MERGE_FIELDS,
  "email_canonical",
  "phone",
  "phone_national",
  "company_normalized",
  "email_key",
  "email_local",
  "name_key",
  "company_key",
  "pan",
  ...CONTACT_POINTS,
  "additional_email_keys",
];

/**
 * Writes one batch of prepared rows in the caller's transaction, set-based: one lookup of the
 * existing leads sharing the batch's emails and phones (taking the tenant's dedup lock), one insert
 * of the new leads, one update of the leads that took values, and one insert each for merges,
 * timeline entries, reviews and rejected rows. Returns the batch's counts.
 */
export async function writeBatch(trx: Knex.Transaction, c: BatchContext, rows: PreparedRow[]): Promise<BatchCounts> {
  const good = rows.filter((r) => r.ok);
  const bad = rows.filter((r) => !r.ok);
  const emails = [...new Set(good.flatMap((r) => (r.keys.emailKey ? [r.keys.emailKey] : [])))];
  const phones = [...new Set(good.flatMap((r) => r.keys.phoneKeys))];
  const existing = await batchCandidates(trx, c.tenantId, emails, phones);
  const decision = decideBatch(
    good.map((r) => ({ fields: r.fields, keys: r.keys })),
    existing,
    { rules: c.rules, region: c.region, newId: randomUUID },
  );

  const counts: BatchCounts = { imported: decision.creates.size, merged: 0, flagged: 0, rejected: bad.length, dueSteps: [] };
  const reviewed = new Map<string, { candidateId: string; score: number; reasons: string[] }[]>();
  const firstRow = new Map<string, (typeof good)[number]>();
  // New leads a later row of the batch filled in: their keys change; the others keep the ones read with them.
  const filledIn = new Set<string>();
  for (const a of decision.actions) {
    if (a.kind === "merge") {
      counts.merged++;
      if (a.intoNew) filledIn.add(a.intoId);
    } else {
      firstRow.set(a.id, good[a.index]);
      if (a.reviews.length) {
        reviewed.set(a.id, a.reviews);
        counts.flagged++;
      }
    }
  }

  if (decision.creates.size) {
    const numbers = await c.numbers.take(c.tenantId, c.now, decision.creates.size);
    const leads = [...decision.creates].map(([id, row], i) => {
      // Every row with the contact-point columns: the insert takes its columns from the first row.
      // Object.assign, not a literal of spreads: V8 builds a wide row from several spreads ~25× slower.
      const fields: Record<string, unknown> = Object.assign({ additional_emails: [], additional_phones: [] }, row);
      const first = firstRow.get(id)!;
      const reviews = reviewed.get(id);
      // The keys the preparing thread computed from the row, unless a later row filled the lead in:
      // matching every new lead's keys again was most of building the rows (~10% of a 100k import). Same columns.
      const keys = filledIn.has(id) ? matchKeys(fields as LeadLike, { region: c.region }) : first.keys;
      return Object.assign({}, fields, dedupColumns(keys), {
        additional_email_keys: keys.otherEmailKeys ?? [],
        id,
        tenant_id: c.tenantId,
        lead_number: numbers[i],
        import_id: c.importId,
        import_row: first.row,
        owner_id: c.ownerId,
        source: fields.source ?? IMPORT_SOURCE,
        custom_fields: fields.custom_fields ?? {},
        tags: fields.tags ?? [],
        validation_status: first.ok && first.notes.length ? "partial" : "valid",
        validation_notes: first.ok ? first.notes : [],
        is_duplicate: Boolean(reviews),
        duplicate_of_id: reviews?.[0].candidateId ?? null,
        consent_at: fields.gdpr_consent ? c.now : null,
        opt_in_at: fields.gdpr_consent ? c.now : null,
        last_activity_at: c.now,
        created_at: c.now,
        updated_at: c.now,
      });
    });
    const routed = c.routing && (await routeNewLeads(trx, c.tenantId, c.routing, leads, c.now));
    // One statement for the leads and what routing wrote of them (score history, timeline, notifications).
    await insertAll(trx, [
      ["leads", leads],
      ["score_history", routed?.history ?? []],
      ["activities", routed?.activities ?? []],
      ["notifications", routed?.notifications ?? []],
    ]);
    if (c.routing) counts.dueSteps = await afterNewLeads(trx, c.tenantId, c.routing.sets, leads, c.now);
    // A consent column in the file is a consent record too (GDPR): source csv, no wording or IP to keep.
    await insertJsonRows(
      trx,
      "consents",
      leads
        .filter((l) => (l as { gdpr_consent?: unknown }).gdpr_consent === true)
        .map((l) => ({
          tenant_id: c.tenantId,
          lead_id: l.id,
          purpose: MARKETING,
          granted: true,
          source: "csv",
          occurred_at: c.now,
          created_at: c.now,
          updated_at: c.now,
        })),
    );
  }

  // Only leads that took a value are rewritten: a row that repeats what the lead has costs no update.
  const patches = [...decision.updates].flatMap(([id, { before, after }]) => {
    const taken = diff(before, after);
    return Object.keys(taken).length ? [{ id, patch: planUpdate(before, { taken, before: {}, notTaken: {} }, c.region) }] : [];
  });
  if (patches.length) {
    await trx.raw(
      `UPDATE leads l SET (${PATCHABLE.join(", ")}) = (SELECT ${PATCHABLE.map((f) => `r.${f}`).join(", ")} FROM jsonb_populate_record(l, v.patch) r),
         last_activity_at = ?, updated_at = ?
       FROM jsonb_to_recordset(?::jsonb) AS v(id uuid, patch jsonb) WHERE l.id = v.id`,
      [c.now, c.now, JSON.stringify(patches)],
    );
  }
  if (decision.updates.size) {
    const merges = decision.actions.flatMap((a) => (a.kind === "merge" && !a.intoNew ? [a] : []));
    await insertJsonRows(
      trx,
      "lead_merges",
      merges.map((a) => ({
        tenant_id: c.tenantId,
        lead_id: a.intoId,
        kind: "import",
        import_id: c.importId,
        import_row: good[a.index].row,
        score: a.score,
        reasons: a.reasons,
        before: a.plan.before,
        taken: a.plan.taken,
        not_taken: a.plan.notTaken,
        incoming: filled(good[a.index].fields),
        created_at: c.now,
        updated_at: c.now,
      })),
    );
    await insertJsonRows(
      trx,
      "activities",
      merges.map((a) => ({
        tenant_id: c.tenantId,
        record_type: "lead",
        record_id: a.intoId,
        type: "submission",
        action: "lead.reimported",
        title: `Imported again from ${c.filename} (row ${good[a.index].row})`.slice(0, 300),
        body: [
          `Matched: ${a.reasons.join(", ")}`,
          Object.keys(a.plan.taken).length ? `Filled in: ${Object.keys(a.plan.taken).join(", ")}` : null,
        ]
          .filter(Boolean)
          .join("\n"),
        data: { import_id: c.importId, row: good[a.index].row, not_taken: a.plan.notTaken },
        occurred_at: c.now,
        created_at: c.now,
        updated_at: c.now,
      })),
    );
  }

  const reviews = [...reviewed].flatMap(([leadId, rs]) =>
    rs.map((r) => ({
      tenant_id: c.tenantId,
      lead_id: leadId,
      candidate_lead_id: r.candidateId,
      score: r.score,
      reasons: r.reasons,
      status: "open",
      origin: "import",
      created_at: c.now,
      updated_at: c.now,
    })),
  );
  await insertJsonRows(trx, "duplicate_reviews", reviews);
  if (bad.length) {
    await trx("import_errors")
      .insert(
        bad.map((r) => ({ import_id: c.importId, row_number: r.row, cells: JSON.stringify(r.cells), reason: r.reason.slice(0, 1000) })),
      )
      .onConflict(["import_id", "row_number"])
      .ignore();
  }
  return counts;
}

/**
 * The tenant's leads sharing an email or phone with the batch, whole (a merge rewrites them). The
 * tenant's exclusive dedup lock first (`dedup_batch_candidates` of migration 25, called with no
 * keys: no intake decides meanwhile, so no key locks are needed), then intake's own lookup
 * (`dedup_candidates_batch`, migration 27) asked for the exact keys only: one request per distinct
 * email key and per distinct phone, so its other blocks (handle, PAN, company, names) find nothing
 * and the fuzzy ones are left to the duplicate scan. Each of its blocks is an index probe, the
 * contact points one `&&` per GIN index for the whole batch (leakproof since migration 28);
 * searching both arrays in one condition with the tenant read the tenant's leads every batch.
 */
async function batchCandidates(trx: Knex.Transaction, tenantId: string, emails: string[], phones: string[]) {
  await trx.raw("SELECT count(*) FROM dedup_batch_candidates(?, '{}'::text[], '{}'::text[])", [tenantId]);
  if (!emails.length && !phones.length) return [];
  const requests = [...emails.map((email) => ({ email })), ...phones.map((phone1) => ({ phone1 }))].map((r, i) => ({ i, ...r }));
  const { rows } = await trx.raw(
    // ANY(ARRAY(…)): the leads by primary key, whatever the estimate of the function's rows.
    "SELECT l.* FROM leads l WHERE l.id = ANY(ARRAY(SELECT c.id FROM dedup_candidates_batch(?, '{}'::text[], ?::jsonb) c))",
    [tenantId, JSON.stringify(requests)],
  );
  return rows;
}

/** The row's values without the empty ones: what an undo needs to give the row its own lead. */
function filled(fields: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== "" && !(Array.isArray(v) && !v.length)));
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const f of [...MERGE_FIELDS, ...CONTACT_POINTS]) if (after[f] !== before[f]) out[f] = after[f];
  return out;
}
