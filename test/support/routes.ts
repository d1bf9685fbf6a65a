import type { Express } from "express";

/** One route × method the app answers, as "GET /api/leads/:id" (ALL for `router.all`). */
export interface RouteMethod {
  method: string;
  path: string;
  key: string;
}

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

const join = (mount: string, path: string) => {
  const p = `${mount}/${path}`.replace(/\/{2,}/g, "/");
  return p.length > 1 ? p.replace(/\/$/, "") : p;
};
const pathsOf = (raw: unknown): string[] =>
  (Array.isArray(raw) ? raw.flat(Infinity) : [raw]).map((p) => (p instanceof RegExp ? `regexp:${p.source}` : String(p)));

/**
 * Every route × method of an Express 5 app, read from its router at run time. Mount paths come from
 * each layer's `rawPath` (router 2.x records the path it was given), so nothing is reverse-engineered
 * from regexps; a router without it fails loudly rather than listing nothing.
 */
export function listRoutes(app: Express): RouteMethod[] {
  const root = (app as unknown as { router?: { stack: Layer[] } }).router;
  if (!root?.stack) throw new Error("app.router.stack not found: the route enumeration needs updating for this Express");
  const out = new Map<string, RouteMethod>();
  const walk = (stack: Layer[], mount: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of pathsOf(layer.route.path)) {
          for (const [m, on] of Object.entries(layer.route.methods)) {
            if (!on) continue;
            const method = m === "_all" ? "ALL" : m.toUpperCase();
            const full = path.startsWith("regexp:") ? path : join(mount, path);
            out.set(`${method} ${full}`, { method, path: full, key: `${method} ${full}` });
          }
        }
      } else if (Array.isArray(layer.handle?.stack)) {
        if (layer.rawPath === undefined) throw new Error("a mounted router's layer has no rawPath: the route enumeration needs updating");
        for (const path of pathsOf(layer.rawPath))
          walk(layer.handle.stack, path.startsWith("regexp:") ? `${mount}/${path}` : join(mount, path));
      }
    }
  };
  walk(root.stack, "/");
  return [...out.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** A route's path with its `:params` replaced from `ids` (every param must be named). */
export function fillPath(path: string, ids: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    const v = ids[name];
    if (v === undefined) throw new Error(`no value for :${name} in ${path}`);
    return encodeURIComponent(v);
  });
}

/** Which record a path parameter names: `:id` the collection before it (`/leads/:id` a lead), the others by name. */
const PARAM_KINDS: Record<string, string> = { attachmentId: "attachments", accountId: "accounts", leadId: "leads" };

/** A route's path filled with the ids of `records` (keyed by collection, as test/support/tenant-records.ts makes them). */
export function pathWith(route: RouteMethod, records: Record<string, string>, override: Record<string, string> = {}): string {
  const segments = route.path.split("/");
  const ids: Record<string, string> = {};
  segments.forEach((s, i) => {
    if (!s.startsWith(":")) return;
    const name = s.slice(1);
    const kind = override[name] ?? (name === "id" ? segments[i - 1] : PARAM_KINDS[name]);
    if (!kind || !records[kind]) throw new Error(`${route.key}: no record for :${name}`);
    ids[name] = records[kind];
  });
  return fillPath(route.path, ids);
}
