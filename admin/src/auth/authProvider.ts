import type { AuthProvider } from "react-admin";
import { apiErrorMessage } from "../data/apiModel.ts";
import { clearSession, readToken, readUser, saveSession, saveUser } from "./session.ts";
import { permissionsOf, type SessionUser } from "./sessionModel.ts";
import { may } from "../../../core/permissions.ts";

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const response = await fetch("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ email: username, password }),
    });
    const body = (await response.json().catch(() => null)) as { token?: string; user?: SessionUser } | null;
    if (!response.ok || !body?.token) {
      throw new Error(apiErrorMessage(body, response.status === 401 ? "Wrong email or password" : `Sign-in failed (${response.status})`));
    }
    saveSession(body.token, body.user ?? (await fetchMe(body.token)));
  },

  // The server ends this token's session, so a copy of it (another tab, a proxy log) stops working too.
  async logout() {
    await endSessions("/api/auth/logout");
    clearSession();
  },

  async checkAuth() {
    if (!readToken()) throw new Error("Please sign in");
  },

  // 401 means the token expired or was revoked; 403 is a permission problem and keeps the session.
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      clearSession();
      throw new Error("Your session has expired; please sign in again");
    }
  },

  async getIdentity() {
    const user = readUser();
    if (!user) throw new Error("Not signed in");
    return { id: user.id, fullName: user.name, tenantName: user.tenant_name ?? undefined, email: user.email };
  },

  async getPermissions() {
    return permissionsOf(readUser());
  },

  // react-admin asks before it shows a page or a Create/Edit/Delete/Export button or bulk action: the
  // answer is core/permissions.ts's, the role lists the API checks, so nothing shown is then refused.
  async canAccess({ resource, action }: { resource: string; action: string }) {
    return may(readUser()?.role, resource, action);
  },
};

async function fetchMe(token: string): Promise<SessionUser> {
  const response = await fetch("/api/auth/me", { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`Could not load your profile (${response.status})`);
  const user = (await response.json()) as SessionUser;
  saveUser(user);
  return user;
}

/**
 * Asks the API to end the signed-in session (`/api/auth/logout`) or all of the user's
 * (`/api/auth/logout-all`); whether it did. Logging out goes on locally whatever it answers (an
 * already-ended token, no network): the token then ends at its expiry.
 */
export async function endSessions(path: "/api/auth/logout" | "/api/auth/logout-all"): Promise<boolean> {
  const token = readToken();
  if (!token) return false;
  try {
    const response = await fetch(path, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
