import type { Knex } from "knex";
import { writeAudit, type Actor } from "../audit.ts";
import { scopeByLead, visibleRows, type Viewer } from "../access.ts";
import { conflict, notFound, unprocessable } from "../errors.ts";
import { enrolLeads, exitEnrollments, type DueStep } from "./enrol.ts";
import { uuidOr404 } from "./sequence-store.ts";

export const ENROLLMENT_COLUMNS = [
  "id",
  "lead_id",
  "sequence_id",
  "sequence_version",
  "status",
  "exit_reason",
  "current_step",
  "next_run_at",
  "source",
  "enrolled_by",
  "enrolled_at",
  "completed_at",
  "exited_at",
  "created_at",
  "updated_at",
];

type SequenceHead = { id: string; name: string; version: number; status: string };

/** One enrolment, as the viewer may see it (a rep: of their own leads). */
export async function enrollmentOf(conn: Knex, viewer: Viewer, id: unknown) {
  const q = conn("enrollments").where({ id: uuidOr404(id, "enrollment"), tenant_id: viewer.tenantId });
  scopeByLead(q, "lead_id", viewer);
  const row = await q.first(ENROLLMENT_COLUMNS);
  if (!row) throw notFound("enrollment");
  return row;
}

/** Many leads enrolled by hand, 5,000 to a statement, in one transaction: what was enrolled and what skipped, by reason. */
export async function enrolMany(db: Knex, actor: Actor, sequence: SequenceHead, leadIds: string[], now: () => Date) {
  return db.transaction(async (trx) => {
    const out = { enrolled: [] as DueStep[], skipped: {} as Record<string, number> };
    for (let i = 0; i < leadIds.length; i += 5_000) {
      const part = await enrolLeads(trx, {
        tenantId: actor.tenantId,
        sequence,
        leadIds: leadIds.slice(i, i + 5_000),
        source: "manual",
        userId: actor.id,
        now: now(),
      });
      out.enrolled.push(...part.enrolled);
      for (const [k, n] of Object.entries(part.skipped)) out.skipped[k] = (out.skipped[k] ?? 0) + n;
    }
    await writeAudit(trx, actor, "bulk_enrol", "sequences", sequence.id, {
      leads: leadIds.length,
      enrolled: out.enrolled.length,
      skipped: out.skipped,
    });
    return out;
  });
}

/**
 * One lead enrolled (the console or the API): its enrolment row, even when it could not be mailed
 * (enrolled and exited at once, so the reason shows); a lead already active in it is a conflict.
 */
export async function enrolOne(db: Knex, viewer: Viewer, sequence: SequenceHead, leadId: string, source: "manual" | "api", now: Date) {
  if (!(await visibleRows(db, "leads", [leadId], viewer).first("id"))) throw notFound("lead");
  return db.transaction(async (trx) => {
    const r = await enrolLeads(trx, {
      tenantId: viewer.tenantId,
      sequence,
      leadIds: [leadId],
      source,
      userId: viewer.id,
      now,
      keepBlocked: true,
    });
    const id = r.enrolled[0]?.enrollmentId ?? r.exited[0]?.enrollmentId;
    if (!id) {
      if (r.skipped.already_enrolled) throw conflict("already_enrolled", "the lead is already active in this sequence");
      throw unprocessable("sequence_not_active", `the sequence is ${sequence.status}`, r.skipped);
    }
    await writeAudit(trx, viewer, "enrol", "leads", leadId, { sequence_id: { from: null, to: sequence.id }, source });
    return { row: await enrollmentOf(trx, viewer, id), due: r.enrolled };
  });
}

/** A person stops an enrolment: the lead leaves the sequence ("manual" on its timeline). */
export async function stopEnrollment(db: Knex, viewer: Viewer, id: unknown, now: Date) {
  const e = await enrollmentOf(db, viewer, id);
  await db.transaction((trx) =>
    exitEnrollments(trx, { tenantId: viewer.tenantId, enrollmentIds: [e.id], reason: "manual", now, userId: viewer.id }),
  );
  return enrollmentOf(db, viewer, e.id);
}
