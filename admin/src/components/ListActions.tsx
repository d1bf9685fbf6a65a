import { type ReactNode, useState } from "react";
import DownloadIcon from "@mui/icons-material/DownloadOutlined";
import {
  Button,
  CreateButton,
  FilterButton,
  TopToolbar,
  useDataProvider,
  useFilterContext,
  useListContext,
  useNotify,
  useResourceDefinition,
} from "react-admin";
import { exportCsvPath } from "../data/apiModel.ts";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import { saveFile } from "../data/files.ts";

/**
 * "Export CSV": the API streams every row matching the list's current filters, in its sort order.
 * Replaces react-admin's exporter, which builds the file in the browser from one page of data.
 */
export function ExportCsvButton({ label = "Export CSV" }: { label?: string }) {
  const { resource, filter, filterValues, sort, total } = useListContext();
  const { busy, download } = useCsvDownload(resource);
  return (
    <Button
      label={busy ? "Exporting…" : label}
      onClick={() => download(exportCsvPath(resource, { filter, filterValues, sort }))}
      disabled={busy || total === 0}
      data-testid="export-csv"
    >
      <DownloadIcon />
    </Button>
  );
}

/** The selected rows through the same server-side export, so both files have the same columns and escaping. */
export function BulkExportCsvButton({ label = "Export" }: { label?: string }) {
  const { resource, selectedIds, sort } = useListContext();
  const { busy, download } = useCsvDownload(resource);
  return (
    <Button
      label={label}
      onClick={() => download(exportCsvPath(resource, { filter: { id: selectedIds }, sort }))}
      disabled={busy}
      data-testid="bulk-export-csv"
    >
      <DownloadIcon />
    </Button>
  );
}

function useCsvDownload(resource: string) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const download = async (path: string) => {
    setBusy(true);
    try {
      saveFile(await dataProvider.downloadFile(path, `${resource}.csv`));
    } catch (error) {
      notify((error as Error).message || "Could not export", { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return { busy, download };
}

/** A list's toolbar: filters, "Create" when the resource has a create page, extra buttons, then the export. */
export function ListActions({ children, createLabel }: { children?: ReactNode; createLabel?: string }) {
  const { hasCreate } = useResourceDefinition();
  const filters = useFilterContext();
  return (
    <TopToolbar>
      {filters && filters.length > 0 && <FilterButton />}
      {hasCreate && <CreateButton label={createLabel} />}
      {children}
      <ExportCsvButton />
    </TopToolbar>
  );
}
