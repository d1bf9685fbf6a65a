import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { readToken } from "./session.ts";

/**
 * Sends anonymous visitors straight to /login before react-admin mounts. Why not `<Admin requireAuth>`:
 * with react-admin 5.15 + react-router 7 its LogoutOnMount re-fires on every navigation and pushes
 * /login thousands of times (Chrome throttles it; the page hangs ~15 s), marmelab/react-admin#10885.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const location = useLocation();
  if (!readToken() && location.pathname !== "/login") {
    return <Navigate to="/login" replace state={{ nextPathname: location.pathname, nextSearch: location.search }} />;
  }
  return children;
}
