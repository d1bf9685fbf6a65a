import { useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import Radio from "@mui/material/Radio";
import RadioGroup from "@mui/material/RadioGroup";
import Typography from "@mui/material/Typography";
import EnrolIcon from "@mui/icons-material/GroupAddOutlined";
import { useQueryClient } from "@tanstack/react-query";
import { useDataProvider, useNotify, useRefresh, useStore } from "react-admin";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import type { Lead } from "../resources/leads/leadModel.ts";
import { LeadsPicker } from "./LeadPicker.tsx";
import { enrolResultMessage, leadsFilterFrom } from "./enrollmentModel.ts";

/** "Enrol leads": some picked by hand, or every lead the leads list currently shows (its filter, as stored). */
export function EnrolLeadsButton({ sequenceId, disabled }: { sequenceId: string; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" startIcon={<EnrolIcon />} onClick={() => setOpen(true)} disabled={disabled} data-testid="enrol-leads">
        Enrol leads
      </Button>
      {open && <EnrolLeadsDialog sequenceId={sequenceId} onClose={() => setOpen(false)} />}
    </>
  );
}

function EnrolLeadsDialog({ sequenceId, onClose }: { sequenceId: string; onClose: () => void }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const [stored] = useStore<unknown>("leads.listParams");
  const filter = leadsFilterFrom(stored);
  const [mode, setMode] = useState<"pick" | "filter">("pick");
  const [leads, setLeads] = useState<Lead[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = mode === "pick" ? leads.length > 0 : true;

  const enrol = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = mode === "pick" ? { lead_ids: leads.map((l) => String(l.id)) } : { filter };
      const result = await dataProvider.enrollInSequence(sequenceId, body);
      notify(enrolResultMessage(result), { type: "success" });
      await queryClient.invalidateQueries({ queryKey: ["sequences", sequenceId] });
      refresh();
      onClose();
    } catch (err) {
      setError((err as Error).message || "Could not enrol them");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="enrol-dialog">
      <DialogTitle>Enrol leads</DialogTitle>
      <DialogContent>
        <RadioGroup value={mode} onChange={(e) => setMode(e.target.value as "pick" | "filter")} sx={{ mb: 1.5 }}>
          <FormControlLabel value="pick" control={<Radio size="small" />} label="Leads I pick" />
          <FormControlLabel value="filter" control={<Radio size="small" />} label="Every lead matching the leads list's current filter" />
        </RadioGroup>
        {mode === "pick" ? (
          <LeadsPicker value={leads} onChange={setLeads} label="Leads" testId="enrol-leads-picker" />
        ) : (
          <Box sx={{ bgcolor: "#f8fafc", p: 1.5, borderRadius: 1 }}>
            <Typography variant="body2" className="enrol-filter">
              {Object.keys(filter).length
                ? Object.entries(filter)
                    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`)
                    .join(" · ")
                : "No filter: every lead"}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              Set the filter on the Leads page first. Leads already in the sequence, without consent or suppressed are skipped.
            </Typography>
          </Box>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 1.5 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={enrol} disabled={!ready || busy} data-testid="enrol-confirm">
          {busy ? "Enrolling…" : "Enrol"}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
