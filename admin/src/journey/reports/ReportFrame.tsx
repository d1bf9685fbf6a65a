import { type ReactNode, Suspense, useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import LinearProgress from "@mui/material/LinearProgress";
import Skeleton from "@mui/material/Skeleton";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import DownloadIcon from "@mui/icons-material/DownloadOutlined";
import { useQuery } from "@tanstack/react-query";
import { Title, useDataProvider, useGetList, useNotify } from "react-admin";
import { formatDateRange } from "../../components/dates.ts";
import { useTenantLocale } from "../../components/TenantDateField.tsx";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import { saveFile } from "../../data/files.ts";
import { readUser } from "../../auth/session.ts";
import { getReport } from "../journeyApi.ts";
import { type ReportFilters, type ReportKey, defaultFilters, reportPath } from "../reportsModel.ts";

const ALL = { page: 1, perPage: 500 };

/** Date range, owner, source and campaign, as far as the report takes them. */
function FilterBar({
  filters,
  onChange,
  allowed,
}: {
  filters: ReportFilters;
  onChange: (f: ReportFilters) => void;
  allowed: readonly (keyof ReportFilters)[];
}) {
  const users = useGetList<{ id: string; name: string }>("users", { pagination: ALL, sort: { field: "name", order: "ASC" }, filter: {} });
  const sources = useGetList<{ id: string; name: string; subsource?: string | null }>(
    "lead_sources",
    { pagination: ALL, sort: { field: "name", order: "ASC" }, filter: {} },
    { enabled: allowed.includes("source") },
  );
  const campaigns = useGetList<{ id: string; name: string; code: string }>(
    "campaigns",
    { pagination: ALL, sort: { field: "name", order: "ASC" }, filter: {} },
    { enabled: allowed.includes("campaign") },
  );
  const set = (key: keyof ReportFilters) => (e: { target: { value: string } }) => onChange({ ...filters, [key]: e.target.value });
  const common = { size: "small" as const, fullWidth: false, sx: { width: 190 } };
  const sourceNames = [...new Set((sources.data ?? []).map((s) => s.name))];
  return (
    <Box sx={{ display: "flex", gap: 1.5, flexWrap: "wrap", mb: 2 }} className="report-filters no-print">
      {allowed.includes("from") && (
        <TextField
          {...common}
          type="date"
          label="From"
          value={filters.from}
          onChange={set("from")}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { name: "from" } }}
        />
      )}
      {allowed.includes("to") && (
        <TextField
          {...common}
          type="date"
          label="To"
          value={filters.to}
          onChange={set("to")}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { name: "to" } }}
        />
      )}
      {allowed.includes("owner_id") && (
        <TextField
          {...common}
          select
          label="Owner"
          value={filters.owner_id}
          onChange={set("owner_id")}
          slotProps={{ inputLabel: { shrink: true }, select: { native: true }, htmlInput: { name: "owner_id" } }}
        >
          <option value="">Everyone</option>
          {(users.data ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </TextField>
      )}
      {allowed.includes("source") && (
        <TextField
          {...common}
          select
          label="Source"
          value={filters.source}
          onChange={set("source")}
          slotProps={{ inputLabel: { shrink: true }, select: { native: true }, htmlInput: { name: "source" } }}
        >
          <option value="">All sources</option>
          {sourceNames.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </TextField>
      )}
      {allowed.includes("campaign") && (
        <TextField
          {...common}
          select
          label="Campaign"
          value={filters.campaign}
          onChange={set("campaign")}
          slotProps={{ inputLabel: { shrink: true }, select: { native: true }, htmlInput: { name: "campaign" } }}
        >
          <option value="">All campaigns</option>
          {(campaigns.data ?? []).map((c) => (
            <option key={c.id} value={c.code}>
              {c.name}
            </option>
          ))}
        </TextField>
      )}
    </Box>
  );
}

/**
 * A report page: title, filters, the CSV of exactly what is shown (the API's `?format=csv`, fetched
 * with the session's token), and the body drawn from the API's answer.
 */
export function ReportFrame<T>({
  report,
  title,
  subtitle,
  allowed,
  children,
  testId,
}: {
  report: ReportKey;
  title: string;
  subtitle?: string;
  allowed: readonly (keyof ReportFilters)[];
  children: (data: T) => ReactNode;
  testId: string;
}) {
  const [filters, setFilters] = useState<ReportFilters>(() => defaultFilters(new Date(), 6, readUser()?.tenant_time_zone));
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const locale = useTenantLocale();
  const path = reportPath(report, filters, allowed);
  const { data, error, isPending, isFetching } = useQuery({ queryKey: ["reports", report, path], queryFn: () => getReport<T>(path) });
  const download = async () => {
    setBusy(true);
    try {
      saveFile(await dataProvider.downloadFile(reportPath(report, filters, allowed, true), `${report}.csv`));
    } catch (e) {
      notify((e as Error).message || "Could not download the CSV", { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box sx={{ py: 2 }} data-testid={testId}>
      <Title title={title} />
      <Box sx={{ display: "flex", alignItems: "flex-start", gap: 2, mb: 1.5 }}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="h5" component="h1">
            {title}
          </Typography>
          {subtitle && (
            <Typography variant="body2" color="text.secondary">
              {subtitle}
            </Typography>
          )}
          {allowed.includes("from") && (
            // The date inputs show the browser's own order; this line gives the range in the tenant's.
            <Typography variant="caption" color="text.secondary" data-testid="report-range" className="report-range">
              {formatDateRange(filters.from, filters.to, locale)}
            </Typography>
          )}
        </Box>
        <Button
          startIcon={<DownloadIcon />}
          onClick={download}
          disabled={busy}
          data-testid="report-csv"
          data-href={`/api${reportPath(report, filters, allowed, true)}`}
        >
          {busy ? "Downloading…" : "CSV"}
        </Button>
      </Box>
      <FilterBar filters={filters} onChange={setFilters} allowed={allowed} />
      {error && <Alert severity="error">Could not load the report: {(error as Error).message}</Alert>}
      {(isPending || isFetching) && <LinearProgress sx={{ mb: 1 }} />}
      {data !== undefined && <Suspense fallback={<Skeleton variant="rounded" height={300} />}>{children(data)}</Suspense>}
    </Box>
  );
}
