import { useState } from "react";
import Button from "@mui/material/Button";
import LogoutIcon from "@mui/icons-material/LogoutOutlined";
import { useNotify, usePermissions, useRecordContext } from "react-admin";
import { httpClient } from "../data/httpClient.ts";
import type { Permissions } from "./sessionModel.ts";

/** On a user record, for admins: ends all that user's sessions at once (`POST /api/users/:id/sessions/revoke`, audited). */
export function EndSessionsButton() {
  const record = useRecordContext<{ id: string; name?: string }>();
  const { permissions } = usePermissions<Permissions>();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (!record || permissions?.role !== "admin") return null;
  const onClick = async () => {
    setBusy(true);
    try {
      const { json } = await httpClient(`/api/users/${encodeURIComponent(record.id)}/sessions/revoke`, { method: "POST" });
      const n = (json as { ended?: number }).ended ?? 0;
      notify(n === 1 ? "1 session ended" : `${n} sessions ended`, { type: "success" });
    } catch (error) {
      notify((error as Error).message || "Could not end the sessions", { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" startIcon={<LogoutIcon />} onClick={onClick} disabled={busy} data-testid="end-sessions">
      End sessions
    </Button>
  );
}
