import type { Knex } from "knex";

/**
 * A task may carry a reminder time: when it comes, its owner gets a notification (core/tasks/reminders.ts).
 * `reminded_at` marks it sent, so a sweep run twice tells the owner once; the partial index holds only
 * the reminders still to send, which is what the minute's sweep reads.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("tasks", (t) => {
    t.timestamp("remind_at", { useTz: true });
    t.timestamp("reminded_at", { useTz: true });
  });
  await knex.raw(
    "CREATE INDEX tasks_reminders_due ON tasks (remind_at) WHERE remind_at IS NOT NULL AND reminded_at IS NULL AND done_at IS NULL AND deleted_at IS NULL",
  );
}

export async function down(): Promise<void> {
  throw new Error("forward-only");
}
