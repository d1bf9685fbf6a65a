import type { Request } from "express";
import type { Knex } from "knex";
import { badRequest } from "../../core/errors.ts";
import { prefixTsQuery, containsPattern } from "./list-query.ts";
import type { ResourceSpec } from "./resource-spec.ts";

const MAX_FILTER_VALUES = 1000;
const isPlainValue = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** A resource's rows as its caller may see them: the tenant's, not deleted, narrowed by the spec's scope. */
export function scopedQuery(spec: ResourceSpec, req: Request, q: Knex.QueryBuilder): Knex.QueryBuilder {
  const t = spec.table;
  if (spec.tenantScoped !== false) q.where(`${t}.tenant_id`, req.user!.tenantId);
  if (spec.softDeletes !== false) q.whereNull(`${t}.deleted_at`);
  spec.scope?.(q, req);
  return q;
}

/** A react-admin filter ({q, field: value, field_gte: ...}) on a resource's query, as its list applies it. */
export function applyFilter(spec: ResourceSpec, q: Knex.QueryBuilder, filter: Record<string, unknown>): Knex.QueryBuilder {
  const t = spec.table;
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === "") continue;
    const range = /^(.*)_(gte|lte|gt|lt)$/.exec(key);
    if (key === "q") {
      if (typeof value !== "string") throw badRequest("invalid_filter", "q must be a string");
      const search = spec.search;
      if (search && "tsvector" in search) {
        const tsq = prefixTsQuery(value);
        const inside = search.contains ? containsPattern(value) : { text: null, digits: null };
        if (tsq || inside.text)
          q.where((w) => {
            if (tsq) w.orWhereRaw(`${t}.${search.tsvector} @@ to_tsquery('simple', ?)`, [tsq]);
            for (const like of new Set([inside.text, inside.digits])) if (like) w.orWhereRaw(`${t}.${search.contains} LIKE ?`, [like]);
          });
      } else if (search) {
        const like = `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const { digits } = containsPattern(value);
        q.where((w) => {
          search.ilike.forEach((f) => w.orWhereILike(`${t}.${f}`, like));
          if (digits) search.phones?.forEach((f) => w.orWhereRaw(`regexp_replace(${t}.${f}, '[^0-9]', '', 'g') LIKE ?`, [digits]));
        });
      }
    } else if (key === "id" || spec.filters.includes(key)) {
      if (Array.isArray(value)) {
        // A list of anything but plain values would reach SQL as a row constructor.
        if (value.length > MAX_FILTER_VALUES || !value.every(isPlainValue))
          throw badRequest("invalid_filter", `${key} must be a value or a list of at most ${MAX_FILTER_VALUES} values`);
        q.whereIn(`${t}.${key}`, value as string[]);
      } else if (value === null) q.whereNull(`${t}.${key}`);
      else if (typeof value === "object") throw badRequest("invalid_filter", `${key} must be a value or a list`);
      else q.where(`${t}.${key}`, value as string);
    } else if (range && spec.ranges?.includes(range[1]) && (typeof value === "string" || typeof value === "number")) {
      const op = { gte: ">=", lte: "<=", gt: ">", lt: "<" }[range[2]]!;
      q.where(`${t}.${range[1]}`, op, value);
    } else {
      throw badRequest("invalid_filter", `cannot filter ${spec.name} by ${key}`);
    }
  }
  return q;
}

/** Ids of the rows a caller may see, chosen by id and/or by the list's filter: what a bulk action runs over. */
export function chosenIds(
  db: Knex,
  spec: ResourceSpec,
  req: Request,
  choice: { ids?: string[]; filter?: Record<string, unknown> },
  limit: number,
): Promise<string[]> {
  const t = spec.table;
  const q = scopedQuery(spec, req, db(t));
  if (choice.ids) q.whereIn(`${t}.id`, choice.ids);
  if (choice.filter) applyFilter(spec, q, choice.filter);
  return q.limit(limit).pluck(`${t}.id`);
}
