import { useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import MenuItem from "@mui/material/MenuItem";
import Skeleton from "@mui/material/Skeleton";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useDataProvider, useNotify, useRefresh } from "react-admin";
import { useNavigate } from "react-router-dom";
import { ToneChip } from "../../components/ToneChip.tsx";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import { usePipelineStages } from "../../pipeline/usePipelineStages.ts";
import { type ConversionPlan, type DealEdits, initialEdits, overridesFrom, previewLines, valueError } from "./convertModel.ts";

const KIND_LABEL = { account: "Account", contact: "Contact", opportunity: "Deal" } as const;

function PlanForm({ leadId, plan, onClose }: { leadId: string; plan: ConversionPlan; onClose: () => void }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const { stages } = usePipelineStages();
  const [edits, setEdits] = useState<DealEdits>(() => initialEdits(plan));
  const [busy, setBusy] = useState(false);
  const badValue = valueError(edits.value);
  const stageName = stages.find((s) => s.id === edits.stage_id)?.name;
  const convert = async () => {
    setBusy(true);
    try {
      const ids = await dataProvider.convertLead(leadId, overridesFrom(plan, edits));
      notify("Lead converted", { type: "success" });
      refresh();
      // The deal is what the rep works next.
      navigate(`/opportunities/${ids.opportunity_id}/show`);
    } catch (error) {
      notify((error as Error).message, { type: "error" });
      setBusy(false);
    }
  };
  return (
    <>
      <DialogContent dividers>
        <Box
          component="ul"
          sx={{ listStyle: "none", p: 0, m: 0, display: "flex", flexDirection: "column", gap: 1.25 }}
          data-testid="convert-preview"
        >
          {previewLines(plan, edits, stageName).map((line) => (
            <Box
              component="li"
              key={line.kind}
              className={`convert-line convert-${line.kind}`}
              data-action={line.action}
              sx={{ display: "flex", gap: 1.5, alignItems: "baseline" }}
            >
              <Box sx={{ width: 84, flexShrink: 0 }}>
                <ToneChip label={line.action === "match" ? "Existing" : "New"} tone={line.action === "match" ? "teal" : "blue"} />
              </Box>
              <Box>
                <Typography variant="caption" color="text.secondary" component="div">
                  {KIND_LABEL[line.kind]}
                </Typography>
                <Typography variant="body2" className="convert-text">
                  {line.text}
                </Typography>
              </Box>
            </Box>
          ))}
        </Box>
        <Typography variant="overline" color="text.secondary" component="h3" sx={{ mt: 2, display: "block" }}>
          The deal
        </Typography>
        <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", sm: "2fr 1fr 1fr" }, gap: 1.5, mt: 1 }}>
          <TextField
            size="small"
            label="Deal name"
            name="opportunity_name"
            value={edits.name}
            onChange={(e) => setEdits({ ...edits, name: e.target.value })}
          />
          <TextField
            size="small"
            label={`Value (${plan.opportunity.currency})`}
            name="value"
            value={edits.value}
            error={Boolean(badValue)}
            helperText={badValue ?? undefined}
            onChange={(e) => setEdits({ ...edits, value: e.target.value })}
            slotProps={{ htmlInput: { inputMode: "decimal" } }}
          />
          <TextField
            select
            size="small"
            label="Stage"
            name="stage_id"
            value={stages.length ? edits.stage_id : ""}
            onChange={(e) => setEdits({ ...edits, stage_id: e.target.value })}
          >
            {stages
              .filter((s) => !s.is_won && !s.is_lost)
              .map((s) => (
                <MenuItem key={s.id} value={s.id}>
                  {s.name}
                </MenuItem>
              ))}
          </TextField>
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          variant="contained"
          onClick={() => void convert()}
          disabled={busy || Boolean(badValue) || !edits.name.trim()}
          data-testid="convert-confirm"
        >
          {busy ? "Converting…" : "Convert"}
        </Button>
      </DialogActions>
    </>
  );
}

/** The conversion preview: what will be matched or created, the deal's name, value and stage editable. */
export function ConvertDialog({ leadId, leadName, onClose }: { leadId: string; leadName: string; onClose: () => void }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const { data: plan, error } = useQuery({
    queryKey: ["leads", leadId, "convert-preview"],
    queryFn: () => dataProvider.getConversionPreview(leadId),
    // A preview is about now: another lead converted a minute ago may have made the account.
    staleTime: 0,
    gcTime: 0,
  });
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth slotProps={{ paper: { "data-testid": "convert-dialog" } as object }}>
      <DialogTitle>Convert {leadName}</DialogTitle>
      {error ? (
        <DialogContent>
          <Alert severity="error">{(error as Error).message}</Alert>
        </DialogContent>
      ) : plan ? (
        <PlanForm leadId={leadId} plan={plan} onClose={onClose} />
      ) : (
        <DialogContent>
          <Skeleton height={120} />
        </DialogContent>
      )}
    </Dialog>
  );
}
