/** Who writes sequences and their templates, settles mail and suppresses addresses: marketing and its managers (core/permissions.ts). */
export { SOURCE_KEEPERS as WRITERS, EVERYONE } from "../../../core/permissions.ts";
