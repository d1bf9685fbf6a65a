import type { Adapted } from "../../core/capture/types.ts";
import { AdapterError } from "../../core/capture/types.ts";
import { checkContact, regionFor } from "../../core/lead/normalize.ts";
import { canonicalLeadSchema } from "../../core/lead/canonical.ts";
import { AppError, type ErrorKind } from "../../core/errors.ts";
import { ZodError } from "zod";
import { zodDetails } from "../errors.ts";
import type { EventWriter, InboundEvent } from "./event-writer.ts";
import { parseBody, type BodyKind } from "./body.ts";

export interface Problem {
  kind: ErrorKind;
  code: string;
  message: string;
  details?: unknown;
}

/**
 * Why an adapted lead cannot be taken (nothing can reach the person), or null. A bad email beside a
 * phone is dropped in intake, except where `badEmail` is "refuse" (a web form: the person is there to fix it).
 */
export function contactProblem(adapted: Adapted, region: string, opts: { badEmail?: "refuse" | "drop" } = {}): Problem | null {
  if (adapted.isTest) return null;
  const contact = checkContact(adapted.lead, regionFor(adapted.lead.country, region), opts);
  return contact.problem ? { kind: "invalid", ...contact.problem } : null;
}

/** Runs an adapter at the edge so a sender hears at once that its payload cannot become a lead. */
export function tryAdapt(run: () => Adapted): { adapted: Adapted } | { problem: Problem } {
  try {
    const adapted = run();
    canonicalLeadSchema.parse(adapted.lead);
    return { adapted };
  } catch (e) {
    if (e instanceof AdapterError) return { problem: { kind: "invalid", code: e.code, message: e.message } };
    if (e instanceof ZodError)
      return {
        problem: {
          kind: "invalid",
          code: "validation_failed",
          message: "the payload does not map to a valid lead",
          details: zodDetails(e),
        },
      };
    throw e;
  }
}

/** Splits a delivery that names several leads; a delivery of the wrong shape is a problem to store, not a crash. */
export function trySplit<T>(run: () => T[]): { events: T[] } | { problem: Problem } {
  try {
    return { events: run() };
  } catch (e) {
    if (e instanceof AdapterError) return { problem: { kind: "invalid", code: e.code, message: e.message } };
    throw e;
  }
}

/**
 * The body as an object, by its Content-Type; a body that does not parse is kept as a rejected
 * event holding the raw text, and answered 400 naming it.
 */
export async function parseOrReject(
  writer: EventWriter,
  event: InboundEvent,
  body: Buffer,
  contentType: string | undefined,
  accept: readonly BodyKind[],
): Promise<unknown> {
  try {
    return (await parseBody(body, contentType, accept)).payload;
  } catch (e) {
    if (!(e instanceof AppError) || e.kind !== "bad_request") throw e;
    return storeRejected(writer, { ...event, raw: body.toString("utf8").slice(0, 100_000) }, e);
  }
}

/**
 * Keeps what an authenticated sender sent even when it cannot be a lead (a rejected inbound event,
 * visible in the console) and answers the problem as a JSON error naming that event.
 */
export async function storeRejected(writer: EventWriter, event: InboundEvent, problem: Problem): Promise<never> {
  const stored = await writer.write({
    ...event,
    idempotencyKey: null,
    vendorId: null,
    signature: null,
    rejection: { code: problem.code, message: problem.message, details: problem.details },
  });
  const d = problem.details;
  throw new AppError(problem.kind, problem.code, problem.message, {
    ...(Array.isArray(d) ? { issues: d } : typeof d === "object" && d ? d : {}),
    event_id: stored.id,
  });
}
