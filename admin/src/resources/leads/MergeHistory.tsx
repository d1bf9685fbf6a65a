import { useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import Skeleton from "@mui/material/Skeleton";
import Typography from "@mui/material/Typography";
import UndoIcon from "@mui/icons-material/UndoOutlined";
import { useQuery } from "@tanstack/react-query";
import { Confirm, useDataProvider, useNotify, usePermissions, useRecordContext, useRefresh } from "react-admin";
import { Link as RouterLink } from "react-router-dom";
import type { Permissions } from "../../auth/sessionModel.ts";
import { LinkNotice } from "../../components/LinkNotice.tsx";
import { MatchScoreBar, ReasonChips } from "../../components/MatchScore.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { ToneChip } from "../../components/ToneChip.tsx";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import { formatDateTime } from "./LeadFieldValue.tsx";
import type { Lead } from "./leadModel.ts";
import { type LeadMerge, mergeState, mergeTitle, mergedBy, undoableMerge, valueRows } from "./mergeHistoryModel.ts";
import { relativeTime } from "./timelineModel.ts";

const leadPath = (id: string) => `/leads/${encodeURIComponent(id)}/show`;

/** Every submission and lead merged into this one, with what each filled in; the newest can be undone. */
export function MergeHistory() {
  const lead = useRecordContext<Lead>();
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { permissions } = usePermissions<Permissions>();
  const [confirming, setConfirming] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const id = lead?.id;
  const { data, error, isPending } = useQuery({
    queryKey: ["leads", id, "merges"],
    queryFn: () => dataProvider.getLeadMerges(String(id)),
    enabled: id !== undefined,
  });
  const last = undoableMerge(data ?? []);
  const canUndo = permissions?.canManageUsers === true && last !== null;

  const undo = async () => {
    setUndoing(true);
    try {
      const result = await dataProvider.undoLastMerge(String(id));
      notify(
        <LinkNotice
          message="Merge undone: the records are separate again"
          to={leadPath(result.split_lead_id)}
          linkText="Open the split lead"
        />,
        {
          type: "success",
        },
      );
      // The lead's own values, timeline and history all changed.
      refresh();
    } catch (err) {
      notify((err as Error).message || "Could not undo the merge", { type: "error" });
    } finally {
      setUndoing(false);
      setConfirming(false);
    }
  };

  return (
    <SectionCard
      title="Merge history"
      id="lead-merges"
      action={
        canUndo && (
          <Button size="small" startIcon={<UndoIcon />} onClick={() => setConfirming(true)} disabled={undoing} data-testid="undo-merge">
            Undo last merge
          </Button>
        )
      }
    >
      {error && <Alert severity="error">Could not load the merge history: {(error as Error).message}</Alert>}
      {isPending && <Skeleton variant="rounded" height={60} />}
      {data && data.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          Nothing has been merged into this lead.
        </Typography>
      )}
      {data && data.length > 0 && (
        <Box
          component="ol"
          sx={{ listStyle: "none", m: 0, p: 0, display: "flex", flexDirection: "column", gap: 1.5 }}
          data-testid="merge-history"
        >
          {data.map((m) => (
            <MergeEntry key={m.id} merge={m} />
          ))}
        </Box>
      )}
      <Confirm
        isOpen={confirming}
        loading={undoing}
        title="Undo the last merge?"
        content={
          last
            ? `${mergeTitle(last)} ${relativeTime(last.created_at, new Date())}. The values it filled in go back to what they were, and the merged record becomes its own lead again. The pair will not be proposed as duplicates again.`
            : ""
        }
        confirm="Undo merge"
        onConfirm={undo}
        onClose={() => setConfirming(false)}
      />
    </SectionCard>
  );
}

function Values({ title, values }: { title: string; values: Record<string, unknown> | null | undefined }) {
  const rows = valueRows(values);
  if (!rows.length) return null;
  return (
    <Box sx={{ mt: 0.75 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {title}
      </Typography>
      <Box component="dl" sx={{ display: "grid", gridTemplateColumns: "auto 1fr", columnGap: 1.5, rowGap: 0.25, m: 0, fontSize: 13 }}>
        {rows.map((r) => (
          <Box key={r.field} sx={{ display: "contents" }}>
            <Box component="dt" sx={{ color: "text.secondary" }}>
              {r.label}
            </Box>
            <Box component="dd" sx={{ m: 0, wordBreak: "break-word" }} className={`merge-value merge-value-${r.field}`}>
              {r.value}
            </Box>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

function MergeEntry({ merge }: { merge: LeadMerge }) {
  const state = mergeState(merge);
  return (
    <Box
      component="li"
      className={merge.undone_at ? "merge-entry undone" : "merge-entry"}
      sx={{ border: "1px solid #e2e8f0", borderRadius: 1.5, p: 1.25, opacity: merge.undone_at ? 0.75 : 1 }}
    >
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap" }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {mergeTitle(merge)}
        </Typography>
        <ToneChip label={state.label} tone={state.tone} />
      </Box>
      <Typography variant="caption" color="text.secondary" component="div">
        <span title={formatDateTime(merge.created_at)}>{relativeTime(merge.created_at, new Date())}</span> · {mergedBy(merge)}
        {merge.undone_at && ` · undone ${relativeTime(merge.undone_at, new Date())}`}
      </Typography>
      {merge.undone_at && merge.split_lead_id && (
        <Link component={RouterLink} to={leadPath(merge.split_lead_id)} variant="body2" className="split-lead-link">
          Open the split lead
        </Link>
      )}
      {merge.score != null && (
        <Box sx={{ display: "flex", gap: 1.5, alignItems: "center", flexWrap: "wrap", mt: 0.75 }}>
          <MatchScoreBar score={merge.score} width={56} />
          <ReasonChips reasons={merge.reasons} />
        </Box>
      )}
      <Values title={merge.undone_at ? "Had taken (given back)" : "Values taken"} values={merge.taken} />
      <Values title="Not taken (this lead kept its own)" values={merge.not_taken} />
    </Box>
  );
}
