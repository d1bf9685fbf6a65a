import type { AuthProvider } from "react-admin";
import { apiErrorMessage } from "../data/apiModel.ts";
import { clearSession, readToken, readUser, saveSession, saveUser } from "./session.ts";
import { permissionsOf, type SessionUser } from "./sessionModel.ts";

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const response = await fetch("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ email: username, password }),
    });
    const body = (await response.json().catch(() => null)) as { token?: string; user?: SessionUser } | null;
    if (!response.ok || !body?.token) {
      throw new Error(
        apiErrorMessage(body, response.status === 401 ? "Wrong email or password" : `Sign-in failed (${response.status})`),
      );
    }
    saveSession(body.token, body.user ?? (await fetchMe(body.token)));
  },

  async logout() {
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
};

async function fetchMe(token: string): Promise<SessionUser> {
  const response = await fetch("/api/auth/me", { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`Could not load your profile (${response.status})`);
  const user = (await response.json()) as SessionUser;
  saveUser(user);
  return user;
}
