import type { Knex } from "knex";
import { z } from "zod";
import { writeAudit, type Actor } from "../audit.ts";
import { notFound, unprocessable } from "../errors.ts";
import { exitEnrollments } from "./enrol.ts";
import { bumpNurtureVersion } from "./enrol-rules.ts";
import { checkSteps, sameSteps, type SequenceInput, type Step, type StepInput } from "./sequence.ts";
import { parseTemplate } from "./templates.ts";

export const SEQUENCE_COLUMNS = [
  "id",
  "name",
  "description",
  "status",
  "version",
  "enrol_rule",
  "quiet_hours",
  "created_by",
  "created_at",
  "updated_at",
];
export const STEP_COLUMNS = [
  "step",
  "type",
  "name",
  "delay_minutes",
  "business_days",
  "until_time",
  "subject",
  "body_text",
  "body_html",
  "task_title",
  "task_body",
  "task_due_hours",
  "condition",
  "then_step",
  "else_step",
];

type Row = Record<string, unknown>;
const json = (v: unknown) => (v == null ? null : JSON.stringify(v));

/** An id from a URL or a body: anything but a uuid names nothing. */
export const uuidOr404 = (id: unknown, what: string): string => {
  if (typeof id !== "string" || !z.uuid().safeParse(id).success) throw notFound(what);
  return id;
};

/**
 * checkSteps parses an email's templates; a task's title and body are rendered by the same engine,
 * so a file tag or unknown tag there is refused at save time too.
 */
export function checkedSteps(steps: StepInput[]): Step[] {
  const problems = steps.flatMap((s, i) =>
    s.type !== "task"
      ? []
      : (["task_title", "task_body"] as const).flatMap((f) => {
          const err = s[f] ? parseTemplate(s[f]) : null;
          return err ? [{ step: i + 1, message: `${f}: ${err}` }] : [];
        }),
  );
  if (problems.length) throw unprocessable("invalid_template", problems.map((p) => `step ${p.step}: ${p.message}`).join("; "), problems);
  return checkSteps(steps);
}

export const stepsOf = (conn: Knex, sequenceId: string, version: number): Promise<Step[]> =>
  conn("sequence_steps").where({ sequence_id: sequenceId, version }).orderBy("step").select(STEP_COLUMNS);

/** One of the tenant's sequences (not deleted); with `lock`, held for the caller's transaction. */
export async function sequenceOf(conn: Knex, tenantId: string, id: unknown, opts: { lock?: boolean } = {}) {
  const q = conn("sequences")
    .where({ id: uuidOr404(id, "sequence"), tenant_id: tenantId })
    .whereNull("deleted_at");
  if (opts.lock) q.forUpdate();
  const row = await q.first(SEQUENCE_COLUMNS);
  if (!row) throw notFound("sequence");
  return row;
}

/** A sequence with the steps of its current version. */
export const withSteps = async (conn: Knex, row: Row) => ({ ...row, steps: await stepsOf(conn, row.id as string, row.version as number) });

const insertSteps = (trx: Knex, tenantId: string, sequenceId: string, version: number, steps: Step[]) =>
  trx("sequence_steps").insert(
    steps.map((s) => ({
      ...s,
      condition: s.condition ? JSON.stringify(s.condition) : null,
      tenant_id: tenantId,
      sequence_id: sequenceId,
      version,
    })),
  );

/** A new sequence at version 1 with its steps, checked; enrolment rules are reloaded everywhere. */
export async function createSequence(db: Knex, actor: Actor, d: SequenceInput) {
  const steps = checkedSteps(d.steps);
  return db.transaction(async (trx) => {
    const [row] = await trx("sequences")
      .insert({
        tenant_id: actor.tenantId,
        name: d.name,
        description: d.description ?? null,
        status: d.status ?? "active",
        version: 1,
        enrol_rule: json(d.enrol_rule),
        quiet_hours: json(d.quiet_hours),
        created_by: actor.id,
      })
      .returning(SEQUENCE_COLUMNS);
    await insertSteps(trx, actor.tenantId, row.id, 1, steps);
    await bumpNurtureVersion(trx, actor.tenantId);
    await writeAudit(trx, actor, "create", "sequences", row.id, { name: d.name, steps: steps.length });
    return withSteps(trx, row);
  });
}

/** A change to a sequence; changed steps make a new version (enrolled leads keep walking the one they started). */
export async function updateSequence(db: Knex, actor: Actor, id: unknown, d: Partial<SequenceInput>, now: () => Date) {
  return db.transaction(async (trx) => {
    const before = await sequenceOf(trx, actor.tenantId, id, { lock: true });
    let version = before.version as number;
    if (d.steps) {
      const steps = checkedSteps(d.steps);
      if (!sameSteps(steps, await stepsOf(trx, before.id, version))) {
        version += 1;
        await insertSteps(trx, actor.tenantId, before.id, version, steps);
      }
    }
    const [row] = await trx("sequences")
      .where("id", before.id)
      .update({
        ...(d.name !== undefined && { name: d.name }),
        ...(d.description !== undefined && { description: d.description }),
        ...(d.status && { status: d.status }),
        ...(d.enrol_rule !== undefined && { enrol_rule: json(d.enrol_rule) }),
        ...(d.quiet_hours !== undefined && { quiet_hours: json(d.quiet_hours) }),
        version,
        updated_at: now(),
      })
      .returning(SEQUENCE_COLUMNS);
    await bumpNurtureVersion(trx, actor.tenantId);
    await writeAudit(trx, actor, "update", "sequences", row.id, { version, fields: Object.keys(d) });
    return withSteps(trx, row);
  });
}

/** A deleted sequence is archived; its active enrolments end ("sequence deleted" on each lead's timeline). */
export async function deleteSequence(db: Knex, actor: Actor, id: unknown, now: () => Date) {
  return db.transaction(async (trx) => {
    const before = await sequenceOf(trx, actor.tenantId, id);
    const [row] = await trx("sequences")
      .where("id", before.id)
      .update({ deleted_at: now(), status: "archived", updated_at: now() })
      .returning(SEQUENCE_COLUMNS);
    const active: string[] = await trx("enrollments").where({ sequence_id: before.id, status: "active" }).pluck("id");
    await exitEnrollments(trx, {
      tenantId: actor.tenantId,
      enrollmentIds: active,
      reason: "manual",
      now: now(),
      userId: actor.id,
      detail: "sequence deleted",
    });
    await bumpNurtureVersion(trx, actor.tenantId);
    await writeAudit(trx, actor, "delete", "sequences", before.id, { name: before.name });
    return row;
  });
}
