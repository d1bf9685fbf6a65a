import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { canonicalLeadSchema } from "../../../core/lead/canonical.ts";
import { AdapterError, type Adapted, type PartnerSettings } from "../../../core/capture/index.ts";

/** A vendor payload from test/fixtures/vendors, parsed fresh for each test so none can leak edits into another. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/vendors/${name}.json`, import.meta.url), "utf8")) as T;
}

export const partner = (settings: PartnerSettings = {}) => ({ name: "Test partner", settings });

/** Every adapted lead must be one `POST /ingest/leads` would take. */
export function expectCanonical(result: Adapted): Adapted {
  expect(() => canonicalLeadSchema.parse(result.lead)).not.toThrow();
  return result;
}

export function expectAdapterError(fn: () => unknown, code: string): AdapterError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AdapterError);
    expect((e as AdapterError).code).toBe(code);
    return e as AdapterError;
  }
  throw new Error(`expected AdapterError ${code}, nothing was thrown`);
}
