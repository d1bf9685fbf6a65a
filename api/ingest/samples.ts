import { vendorFor } from "../../core/capture/index.ts";

/**
 * A believable payload for a webhook format, shaped as its vendor sends it (each vendor module's
 * `sample`): the console's "send test payload" button runs one through the real intake path.
 */
export function samplePayload(format: string, stamp: number): unknown {
  return vendorFor(format)?.sample(stamp) ?? null;
}
