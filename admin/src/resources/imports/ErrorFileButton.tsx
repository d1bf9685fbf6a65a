import { type MouseEvent, useState } from "react";
import Button from "@mui/material/Button";
import DownloadIcon from "@mui/icons-material/DownloadOutlined";
import { useDataProvider, useNotify } from "react-admin";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import { saveFile } from "../../data/files.ts";
import { type ImportRecord, errorFileName, errorFilePath } from "./importModel.ts";

/** The rejected rows with their reasons as CSV, to fix and upload again (fetched with the session's token). */
export function ErrorFileButton({
  imp,
  label = "Download error file",
  size = "small",
}: {
  imp: ImportRecord;
  label?: string;
  size?: "small" | "medium";
}) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (!(Number(imp.rejected) > 0)) return null;
  const download = async (event: MouseEvent) => {
    // Inside a list row: the click must not open the import as well.
    event.stopPropagation();
    setBusy(true);
    try {
      saveFile(await dataProvider.downloadFile(errorFilePath(imp.id), errorFileName(imp.filename)));
    } catch (error) {
      notify((error as Error).message || "Could not download the error file", { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size={size}
      color="error"
      startIcon={<DownloadIcon />}
      onClick={download}
      disabled={busy}
      className="download-errors"
      data-testid="download-errors"
    >
      {label}
    </Button>
  );
}
