import { Router, type Request } from "express";
import type { Knex } from "knex";
import { z } from "zod";
import { audit } from "./audit.ts";
import type { Services } from "../../core/services.ts";
import { badRequest, forbidden, notFound } from "../../core/errors.ts";
import type { Role } from "../types.ts";
import { parseListQuery } from "./list-query.ts";
import { applyFilter, scopedQuery } from "./resource-query.ts";
import type { ResourceSpec, Row } from "./resource-spec.ts";
import { pipeline } from "node:stream/promises";
import { stringify as csvStringify } from "csv-stringify";
import { CSV_FORMAT } from "../csv.ts";
import { assertReferences, ROLES } from "../../core/access.ts";
import { redactRows } from "../../core/secrets.ts";

export type { ResourceSpec } from "./resource-spec.ts";

const ALL_ROLES: Role[] = [...ROLES];

export function changedFields(before: Row, after: Row, fields: string[]): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of fields) {
    if (JSON.stringify(before[f]) !== JSON.stringify(after[f])) out[f] = { from: before[f], to: after[f] };
  }
  return out;
}

/** The react-admin simple REST convention over one table: list, one, create, update, soft delete. */
export function resourceRoutes(services: Services, spec: ResourceSpec): Router {
  const r = Router();
  spec.routes?.(r, services);
  const { db } = services;
  const t = spec.table;
  const unique = (e: unknown): never => {
    throw (e as { code?: string }).code === "23505" && spec.uniqueViolation ? spec.uniqueViolation() : e;
  };
  const readRoles = spec.readRoles ?? ALL_ROLES;
  const writeRoles = spec.writeRoles ?? ["admin", "manager"];
  const cols = spec.columns.map((c) => `${t}.${c}`);
  const can = (req: Request, roles: readonly Role[]) => {
    if (!roles.includes(req.user!.role)) throw forbidden();
  };

  const base = (req: Request, q: Knex.QueryBuilder = db(t)) => scopedQuery(spec, req, q);

  const one = async (req: Request, id: string, conn: Knex = db) => {
    if (!(spec.numericIds ? /^[1-9]\d{0,17}$/.test(id) : z.uuid().safeParse(id).success)) throw notFound(spec.name);
    const row = await base(req, conn(t)).where(`${t}.id`, id).first(cols);
    if (!row) throw notFound(spec.name);
    return row as Row;
  };

  const checkRefs = async (req: Request, data: Row, before?: Row, conn: Knex = db) => {
    for (const [col, target] of Object.entries(spec.refs ?? {})) {
      const table = typeof target === "function" ? target(data, before) : target;
      // react-admin sends the whole record back: a reference left as it was (to a since-deleted team, say) is not a new one.
      const kept =
        before &&
        JSON.stringify(before[col] ?? null) === JSON.stringify(data[col] ?? null) &&
        (typeof target === "string" || target(before, before) === table);
      const ids = [
        ...new Set(
          (Array.isArray(data[col]) ? (data[col] as unknown[]) : [data[col]]).filter((v): v is string => typeof v === "string" && v !== ""),
        ),
      ];
      if (kept || !ids.length || !table) continue;
      await assertReferences(conn, req.user!, [{ column: col, table, ids }]);
    }
  };

  /** The list's query: tenant, scope, filters and `q`, as react-admin sends them; also the export's. */
  const filtered = (req: Request) => {
    const { sort, range, filter } = parseListQuery(req.query as Record<string, unknown>, spec.defaultSort ?? ["created_at", "desc"]);
    if (sort.field !== "id" && !spec.sortable.includes(sort.field)) throw badRequest("invalid_sort", `cannot sort by ${sort.field}`);
    return { q: applyFilter(spec, base(req), filter), sort, range };
  };

  const thenSort = (q: Knex.QueryBuilder) => {
    if (spec.thenSort) q.orderBy(`${t}.${spec.thenSort[0]}`, spec.thenSort[1]);
  };

  r.get("/", async (req, res) => {
    can(req, readRoles);
    const { q, sort, range } = filtered(req);
    const [{ n }] = await q.clone().clearSelect().count<{ n: number }[]>({ n: "*" });
    const rows = await q
      .select(cols)
      .orderBy(`${t}.${sort.field}`, sort.order)
      .modify(thenSort)
      .orderBy(`${t}.id`, sort.order)
      .offset(range.start)
      .limit(range.end - range.start + 1);
    const last = rows.length ? range.start + rows.length - 1 : range.start;
    res.setHeader("Content-Range", `${spec.name} ${range.start}-${last}/${n}`);
    res.json(rows);
  });

  // The list as CSV with the same filters and order, streamed from a cursor whatever its size.
  r.get("/export.csv", async (req, res) => {
    can(req, readRoles);
    const { q, sort } = filtered(req);
    const rows = q.select(cols).orderBy(`${t}.${sort.field}`, sort.order).modify(thenSort).orderBy(`${t}.id`, sort.order).stream();
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="${spec.name}.csv"`);
    // Secrets never leave in an export, even from rows written before they were redacted at the source.
    await pipeline(rows, redactRows(), csvStringify({ header: true, columns: spec.columns, ...CSV_FORMAT }), res);
  });

  r.get("/:id", async (req, res) => {
    can(req, readRoles);
    res.json(await one(req, req.params.id));
  });

  if (spec.create) {
    const create = spec.create;
    r.post("/", async (req, res) => {
      can(req, writeRoles);
      const data = create.schema.parse(req.body ?? {});
      await checkRefs(req, data);
      const row = create.toRow ? await create.toRow(data, req, services) : data;
      const created = await db
        .transaction(async (trx) => {
          const [rec] = await trx(t)
            .insert({ ...row, ...(spec.tenantScoped === false ? {} : { tenant_id: req.user!.tenantId }) })
            .returning(spec.columns);
          await audit(trx, req, "create", spec.name, rec.id, data);
          await spec.afterWrite?.(trx, { action: "create", after: rec }, req);
          return rec;
        })
        .catch(unique);
      await spec.afterCommit?.(req);
      res.status(201).json(created);
    });
  }

  if (spec.update) {
    const update = spec.update;
    r.put("/:id", async (req, res) => {
      can(req, writeRoles);
      // react-admin sends the whole record back; fields outside the schema (id, timestamps) are dropped.
      const data = update.schema.parse(req.body ?? {});
      const updated = await db
        .transaction(async (trx) => {
          const before = await one(req, req.params.id, trx);
          await checkRefs(req, data, before, trx);
          const row = update.toRow ? await update.toRow(data, before, req, services) : data;
          const [after] = await trx(t)
            .where(`${t}.id`, before.id as string)
            .update({ ...row, updated_at: trx.fn.now() })
            .returning(spec.columns);
          const changes = changedFields(before, after, Object.keys(row));
          if (Object.keys(changes).length) await audit(trx, req, "update", spec.name, before.id as string, changes);
          await spec.afterWrite?.(trx, { action: "update", before, after }, req);
          return after;
        })
        .catch(unique);
      await spec.afterCommit?.(req);
      res.json(updated);
    });
  }

  if (spec.deletable) {
    r.delete("/:id", async (req, res) => {
      can(req, writeRoles);
      const deleted = await db.transaction(async (trx) => {
        const before = await one(req, req.params.id, trx);
        const [after] = await trx(t)
          .where("id", before.id as string)
          .update({ deleted_at: trx.fn.now(), updated_at: trx.fn.now() })
          .returning([...spec.columns, "deleted_at"]);
        await audit(trx, req, "delete", spec.name, before.id as string, {});
        await spec.afterWrite?.(trx, { action: "delete", before, after }, req);
        return after;
      });
      await spec.afterCommit?.(req);
      res.json(deleted);
    });
  }
  return r;
}
