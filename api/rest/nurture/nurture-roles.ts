import type { Role } from "../../types.ts";

/** Who writes sequences and their templates, settles mail and suppresses addresses: marketing and its managers. */
export const WRITERS: Role[] = ["admin", "manager", "marketer"];
export const EVERYONE: Role[] = ["admin", "manager", "marketer", "rep"];
