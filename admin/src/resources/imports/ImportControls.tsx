import { useState } from "react";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import PauseIcon from "@mui/icons-material/PauseOutlined";
import ResumeIcon from "@mui/icons-material/PlayArrowOutlined";
import CancelIcon from "@mui/icons-material/StopOutlined";
import { Confirm, HttpError, useDataProvider, useNotify } from "react-admin";
import type { ImportControl, LeadhubDataProvider } from "../../data/dataProvider.ts";
import { type ImportRecord, importControls, wrongStatusOf } from "./importModel.ts";

/**
 * Pause / Resume / Cancel as the import's state allows. A 409 means the worker moved it first (it
 * finished, say): the page re-reads the row instead of showing a stale state.
 */
export function ImportControls({
  imp,
  onChange,
  onStale,
}: {
  imp: ImportRecord;
  onChange: (imp: ImportRecord) => void;
  onStale: () => void;
}) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const notify = useNotify();
  const [busy, setBusy] = useState<ImportControl | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const allowed = importControls(imp.status);

  const run = async (control: ImportControl) => {
    setBusy(control);
    try {
      onChange(await dataProvider.controlImport(imp.id, control));
    } catch (error) {
      const actual = error instanceof HttpError ? wrongStatusOf(error.body) : null;
      notify(actual ? `The import is ${actual} now` : (error as Error).message || `Could not ${control} the import`, {
        type: actual ? "info" : "error",
      });
      if (actual) onStale();
    } finally {
      setBusy(null);
      setConfirmCancel(false);
    }
  };

  if (!allowed.pause && !allowed.resume && !allowed.cancel) return null;
  return (
    <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
      {allowed.pause && (
        <Button
          variant="outlined"
          startIcon={<PauseIcon />}
          onClick={() => run("pause")}
          disabled={busy !== null}
          data-testid="import-pause"
        >
          Pause
        </Button>
      )}
      {allowed.resume && (
        <Button
          variant="contained"
          startIcon={<ResumeIcon />}
          onClick={() => run("resume")}
          disabled={busy !== null}
          data-testid="import-resume"
        >
          Resume
        </Button>
      )}
      {allowed.cancel && (
        <Button
          color="error"
          startIcon={<CancelIcon />}
          onClick={() => setConfirmCancel(true)}
          disabled={busy !== null}
          data-testid="import-cancel"
        >
          Cancel import
        </Button>
      )}
      <Confirm
        isOpen={confirmCancel}
        loading={busy === "cancel"}
        title="Cancel this import?"
        content="The rows not read yet are left out. Leads already imported stay; a cancelled import cannot be resumed."
        confirm="Cancel import"
        cancel="Keep going"
        onConfirm={() => run("cancel")}
        onClose={() => setConfirmCancel(false)}
      />
    </Box>
  );
}
