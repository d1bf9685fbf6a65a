import { z } from "zod";

/** An optional reference from a form: a uuid, null, or "" (a cleared select) read as null. */
export const optionalUuid = z.preprocess((v) => (v === "" ? null : v), z.uuid().nullish());

/** A web address people are sent to: http(s) only, never `javascript:` or `data:`. */
export const webUrl = z.url({ protocol: /^https?$/, error: "an http(s) address" });
export const isWebUrl = (v: string) => webUrl.safeParse(v).success;
