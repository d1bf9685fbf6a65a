import { useState } from "react";
import Button from "@mui/material/Button";
import DoneIcon from "@mui/icons-material/DoneAllOutlined";
import { useQueryClient } from "@tanstack/react-query";
import { useDataProvider, useNotify } from "react-admin";
import { type SourceAlert, resolvePayload } from "./sourceHealthModel.ts";

/** Marks an alert resolved; the health panels and the menu badge re-read their counts. */
export function ResolveAlertButton({ alert, onResolved }: { alert: SourceAlert; onResolved?: () => void }) {
  const dataProvider = useDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (alert.resolved_at) return null;
  const resolve = async (event: React.MouseEvent) => {
    // Inside a clickable list row: resolving must not also open the row.
    event.stopPropagation();
    setBusy(true);
    try {
      await dataProvider.update("alerts", { id: alert.id, data: resolvePayload(new Date()), previousData: alert });
      notify("Alert resolved", { type: "success" });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["alerts"] }),
        queryClient.invalidateQueries({ queryKey: ["source-health"] }),
      ]);
      onResolved?.();
    } catch (error) {
      notify((error as Error).message || "Could not resolve the alert", { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" variant="outlined" startIcon={<DoneIcon />} onClick={resolve} disabled={busy} className="resolve-alert">
      Resolve
    </Button>
  );
}
