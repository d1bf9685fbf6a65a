import type { Request, Router } from "express";
import type { Knex } from "knex";
import type { z } from "zod";
import type { Services } from "../../core/services.ts";
import type { Role } from "../types.ts";

export type Row = Record<string, unknown>;

/** One table served by the react-admin simple REST convention (api/rest/resource.ts). */
export interface ResourceSpec {
  /** URL segment and Content-Range unit. */
  name: string;
  table: string;
  /** Columns answered; anything secret (hashes, encrypted secrets) is simply not listed. */
  columns: string[];
  /** Equality filters (array = IN, null = IS NULL). */
  filters: string[];
  /** Filters taking <field>_gte / <field>_lte. */
  ranges?: string[];
  sortable: string[];
  defaultSort?: [string, "asc" | "desc"];
  /** Breaks ties on the chosen sort (before the id), e.g. the newest first among leads due alike. */
  thenSort?: [string, "asc" | "desc"];
  /**
   * `q`: full text over a tsvector column (or the text found inside `contains`, a trigram-indexed
   * lowercase column), or ILIKE over these columns (or, when `q` reads as a phone, its digits inside
   * the digits of the `phones` columns).
   */
  search?: { tsvector: string; contains?: string } | { ilike: string[]; phones?: string[] };
  /** Ids are bigserial numbers, not uuids (the audit log). */
  numericIds?: boolean;
  /** Rows of the caller's tenant only; false for the tenants table itself. */
  tenantScoped?: boolean;
  /** False for append-only tables without deleted_at (inbound events). */
  softDeletes?: boolean;
  readRoles?: readonly Role[];
  writeRoles?: readonly Role[];
  /** Narrows what a caller sees (a rep sees only their own leads). */
  scope?: (q: Knex.QueryBuilder, req: Request) => void;
  create?: { schema: z.ZodType<Row>; toRow?: (data: Row, req: Request, services: Services) => Promise<Row> | Row };
  update?: { schema: z.ZodType<Row>; toRow?: (data: Row, before: Row, req: Request, services: Services) => Promise<Row> | Row };
  /**
   * Columns that name another record of the caller's tenant, with its table (or, for a column whose
   * table depends on the row, a function of it); a value naming none (another tenant's record, a
   * deleted one) is refused with 422 invalid_reference, so no row points across tenants.
   */
  refs?: Record<string, string | ((data: Row, before?: Row) => string | undefined)>;
  /** Soft delete: sets deleted_at. Omit to make the resource undeletable. */
  deletable?: boolean;
  /** Runs in the write transaction after a change, e.g. to add a timeline entry. */
  afterWrite?: (
    trx: Knex.Transaction,
    change: { action: "create" | "update" | "delete"; before?: Row; after: Row },
    req: Request,
  ) => Promise<void>;
  /** Runs once the change is committed, e.g. to start the job it calls for. */
  afterCommit?: (req: Request) => Promise<void>;
  /** The answer to a unique violation (23505) of a create or update: a race its own check lost, not a 500. */
  uniqueViolation?: () => Error;
  /** Routes of its own under its path (an action on one record), mounted ahead of the generic ones. */
  routes?: (r: Router, services: Services) => void;
}
