// Pure helpers for talking to the leadhub API; no fetch here so they are unit-tested.

/** The API's error body is `{"error":{"code","message","details"}}`; fall back to the HTTP status text. */
export function apiErrorMessage(body: unknown, fallback: string): string {
  if (body && typeof body === "object") {
    const error = (body as { error?: unknown }).error;
    if (error && typeof error === "object") {
      const message = (error as { message?: unknown }).message;
      if (typeof message === "string" && message) return message;
      const code = (error as { code?: unknown }).code;
      if (typeof code === "string" && code) return code;
    }
    const message = (body as { message?: unknown }).message;
    if (typeof message === "string" && message) return message;
  }
  return fallback || "Request failed";
}

/**
 * Field errors for react-admin forms from the API's `details: [{path, message}]`: react-admin shows
 * `body.errors` under the matching inputs, so a server-side rule reads like a client-side one.
 */
export function fieldErrorsFrom(body: unknown): Record<string, string> | null {
  if (!body || typeof body !== "object") return null;
  const details = (body as { error?: { details?: unknown } }).error?.details;
  if (!Array.isArray(details)) return null;
  const errors: Record<string, string> = {};
  for (const d of details) {
    if (!d || typeof d !== "object") continue;
    const { path, message } = d as { path?: unknown; message?: unknown };
    const key = Array.isArray(path) ? path.join(".") : typeof path === "string" ? path : "";
    if (key && typeof message === "string" && !(key in errors)) errors[key] = message;
  }
  return Object.keys(errors).length ? errors : null;
}

/** Fields the API owns per resource; PUT sends back only what a person can change. */
const READ_ONLY: Record<string, readonly string[]> = {
  users: ["id", "tenant_id", "last_login_at", "created_at", "updated_at", "deleted_at", "password_hash"],
  teams: ["id", "tenant_id", "created_at", "updated_at", "deleted_at"],
  partners: ["id", "tenant_id", "last_delivery_at", "created_at", "updated_at", "deleted_at"],
  tenants: ["id", "created_at", "updated_at", "deleted_at"],
  activities: ["id", "tenant_id", "created_at", "updated_at", "deleted_at"],
  forms: ["id", "tenant_id", "key", "last_submission_at", "created_at", "updated_at", "deleted_at"],
  alerts: ["id", "tenant_id", "source_type", "source_id", "kind", "message", "raised_at", "created_at", "updated_at"],
};

export function writablePayload(
  resource: string,
  data: Record<string, unknown>,
  extraReadOnly: Record<string, readonly string[]> = {},
): Record<string, unknown> {
  const drop = new Set([...(READ_ONLY[resource] ?? ["id", "created_at", "updated_at"]), ...(extraReadOnly[resource] ?? [])]);
  return Object.fromEntries(Object.entries(data).filter(([key]) => !drop.has(key)));
}

/**
 * Console resource names that differ from the API's. The API serves the public hosted forms at
 * `/forms/<key>`, so a console route under /forms would be answered by it on reload or deep link;
 * the console lists forms at /web_forms and talks to `/api/forms`.
 */
export const API_RESOURCE_NAMES: Readonly<Record<string, string>> = { web_forms: "forms" };

export function apiResourceName(resource: string): string {
  return API_RESOURCE_NAMES[resource] ?? resource;
}

/**
 * `GET /api/<resource>/export.csv` with the list's filters and sort as simple-rest sends them to
 * the list itself; the permanent filter of a <List filter> wins over what the person picked.
 */
export function exportCsvPath(
  resource: string,
  list: { filterValues?: Record<string, unknown>; filter?: Record<string, unknown>; sort?: { field: string; order: string } },
): string {
  const params = new URLSearchParams();
  const filter = { ...(list.filterValues ?? {}), ...(list.filter ?? {}) };
  if (Object.keys(filter).length) params.set("filter", JSON.stringify(filter));
  if (list.sort?.field) params.set("sort", JSON.stringify([list.sort.field, list.sort.order || "ASC"]));
  const query = params.toString();
  return `/${apiResourceName(resource)}/export.csv${query ? `?${query}` : ""}`;
}
