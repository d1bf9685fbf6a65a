import type { MouseEvent } from "react";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import LinearProgress from "@mui/material/LinearProgress";
import Typography from "@mui/material/Typography";
import LeadsIcon from "@mui/icons-material/PersonSearchOutlined";
import { Datagrid, FunctionField, List, SelectInput, type GetListResult } from "react-admin";
import { Link } from "react-router-dom";
import { ListActions } from "../../components/ListActions.tsx";
import { ChoiceChipField } from "../../components/ToneChip.tsx";
import { formatDateTime } from "../leads/LeadFieldValue.tsx";
import { relativeTime } from "../leads/timelineModel.ts";
import { ErrorFileButton } from "./ErrorFileButton.tsx";
import { ImportCounts } from "./ImportCounts.tsx";
import {
  IMPORT_STATUSES,
  type ImportRecord,
  formatBytes,
  importLeadsPath,
  barVariant,
  importPercent,
  isImportActive,
  isImportInFlight,
  rowsText,
} from "./importModel.ts";

const POLL_MS = 2000;

const filters = [<SelectInput key="status" source="status" label="Status" choices={[...IMPORT_STATUSES]} emptyText="Any" alwaysOn />];

function FileCell({ imp }: { imp: ImportRecord }) {
  return (
    <Box sx={{ minWidth: 0, maxWidth: 260 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }} noWrap className="import-filename" title={imp.filename}>
        {imp.filename}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div" noWrap>
        {formatBytes(imp.size_bytes)}
      </Typography>
    </Box>
  );
}

function ProgressCell({ imp }: { imp: ImportRecord }) {
  if (imp.status === "staged") {
    return (
      <Typography variant="body2" color="text.secondary">
        Not started
      </Typography>
    );
  }
  if (imp.status === "failed") {
    return (
      <Typography variant="body2" color="error" sx={{ maxWidth: 220 }} noWrap title={imp.error ?? undefined}>
        {imp.error || "Failed"}
      </Typography>
    );
  }
  return (
    <Box sx={{ minWidth: 160, maxWidth: 220 }}>
      {isImportInFlight(imp) && (
        <LinearProgress
          // Remounted when the variant changes: the bar would otherwise slide from where the animation left it.
          key={barVariant(imp)}
          variant={barVariant(imp)}
          value={importPercent(imp)}
          color={imp.status === "paused" ? "warning" : "primary"}
          sx={{ height: 6, borderRadius: 3, mb: 0.5 }}
          aria-label="Import progress"
        />
      )}
      <Typography variant="caption" color="text.secondary" sx={{ fontVariantNumeric: "tabular-nums" }} className="import-rows">
        {rowsText(imp)}
      </Typography>
    </Box>
  );
}

function LinksCell({ imp }: { imp: ImportRecord }) {
  const stop = (e: MouseEvent) => e.stopPropagation();
  const started = imp.status !== "staged" && Number(imp.processed_rows) > 0;
  return (
    <Box sx={{ display: "flex", gap: 0.5, flexWrap: "wrap" }}>
      {started && (
        <Button component={Link} to={importLeadsPath(imp.id)} onClick={stop} size="small" startIcon={<LeadsIcon />} className="view-leads">
          View leads
        </Button>
      )}
      <ErrorFileButton imp={imp} label="Errors" />
    </Box>
  );
}

// Re-read while an import on the page may still move; a finished list stays still.
const refetchInterval = (query: { state: { data?: GetListResult } }) =>
  query.state.data?.data?.some((r) => isImportActive(r as ImportRecord)) ? POLL_MS : false;

/** CSV imports, newest first, with live progress for those running. */
export function ImportList() {
  const now = new Date();
  return (
    <List
      title="Imports"
      filters={filters}
      sort={{ field: "created_at", order: "DESC" }}
      perPage={25}
      actions={<ListActions createLabel="New import" />}
      queryOptions={{ refetchInterval }}
      empty={false}
    >
      <Datagrid
        rowClick="show"
        bulkActionButtons={false}
        data-testid="import-list"
        empty={
          <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
            No imports yet. "New import" loads leads from a CSV export of another CRM or a spreadsheet.
          </Typography>
        }
      >
        <FunctionField label="File" sortBy="filename" render={(r: ImportRecord) => <FileCell imp={r} />} />
        <ChoiceChipField source="status" choices={IMPORT_STATUSES} label="Status" />
        <FunctionField label="Progress" sortable={false} render={(r: ImportRecord) => <ProgressCell imp={r} />} />
        <FunctionField label="Rows" sortable={false} render={(r: ImportRecord) => <ImportCounts imp={r} dense />} />
        <FunctionField
          label="Created"
          sortBy="created_at"
          render={(r: ImportRecord) => <span title={formatDateTime(r.created_at)}>{relativeTime(r.created_at, now)}</span>}
        />
        <FunctionField label="" sortable={false} render={(r: ImportRecord) => <LinksCell imp={r} />} />
      </Datagrid>
    </List>
  );
}
