import type { Knex } from "knex";
import type { Clock } from "../core/clock.ts";
import type { Logger } from "../core/logger.ts";
import type { Queues } from "../core/queues.ts";

/** What a job handler may use: never process.env, never a global db. */
export interface JobContext {
  db: Knex;
  clock: Clock;
  log: Logger;
  queues: Queues;
  settings: JobSettings;
}

/** The few configuration values jobs need, passed in rather than read from the environment. */
export interface JobSettings {
  sweepAfterSeconds: number;
}

/** What a handler reports; the worker writes it to the lead's pipeline trace. */
export interface JobResult {
  outcome: string;
  leadId?: string | null;
  eventId?: string | null;
  detail?: string;
}
