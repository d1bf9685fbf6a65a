import { z } from "zod";

/** An optional reference from a form: a uuid, null, or "" (a cleared select) read as null. */
export const optionalUuid = z.preprocess((v) => (v === "" ? null : v), z.uuid().nullish());
