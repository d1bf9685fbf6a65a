import { expect } from "vitest";
import { randomBytes } from "node:crypto";
import type { Stack } from "./stack.ts";

/** A response's JSON body, after checking its status (the body is the failure message). */
export async function json(res: Response | Promise<Response>, status = 200) {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body;
}

/** POST and PUT to a stack's /api as its admin, expecting 201 and 200 unless told otherwise. The stack is read at call time (set in beforeAll). */
export function writes(stack: () => Stack) {
  return {
    post: (path: string, body: unknown, status = 201) => json(stack().api(path, { method: "POST", json: body }), status),
    put: (path: string, body: unknown, status = 200) => json(stack().api(path, { method: "PUT", json: body }), status),
  };
}

/** A short random tag that keeps a test's names and addresses its own. */
export const tag = () => randomBytes(3).toString("hex");
