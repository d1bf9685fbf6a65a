// The signed-in user as the API describes it (`POST /api/auth/login` and `GET /api/auth/me`).
import type { Role } from "../../../core/vocabulary.ts";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  tenant_id: string;
  tenant_name?: string | null;
  /** The tenant's time zone: "today" in reports is the tenant's day, not the browser's. */
  tenant_time_zone?: string | null;
  is_platform_admin?: boolean;
}

export interface Permissions {
  role: Role;
  isPlatformAdmin: boolean;
  canManageUsers: boolean;
}

/** Reads what localStorage held; anything malformed counts as signed out rather than crashing the app. */
export function parseStoredUser(text: string | null): SessionUser | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== "object") return null;
    const user = value as Partial<SessionUser>;
    if (typeof user.id !== "string" && typeof user.id !== "number") return null;
    return { ...user, id: String(user.id), name: user.name ?? user.email ?? "", email: user.email ?? "" } as SessionUser;
  } catch {
    return null;
  }
}

export function permissionsOf(user: SessionUser | null): Permissions {
  const role = user?.role ?? "rep";
  return {
    role,
    isPlatformAdmin: user?.is_platform_admin === true,
    canManageUsers: role === "admin" || role === "manager",
  };
}

/** `"Priya Sharma"` → `"PS"`; one word → its first letter. */
export function userInitials(name: string | null | undefined): string {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => Array.from(w)[0]?.toUpperCase() ?? "")
    .join("");
}
