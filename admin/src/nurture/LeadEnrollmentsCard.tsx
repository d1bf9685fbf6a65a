import { useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import EnrolIcon from "@mui/icons-material/GroupAddOutlined";
import {
  Datagrid,
  ListContextProvider,
  ResourceContextProvider,
  useCreate,
  useGetList,
  useList,
  useNotify,
  useRecordContext,
} from "react-admin";
import { SectionCard } from "../components/SectionCard.tsx";
import type { Lead } from "../resources/leads/leadModel.ts";
import { SequenceLinkField, enrollmentStatusColumns } from "./EnrollmentFields.tsx";
import { StopEnrollmentButton } from "./StopEnrollmentButton.tsx";
import type { Enrollment } from "./enrollmentModel.ts";
import type { Sequence } from "./sequenceModel.ts";

/** The sequences this lead is or was in, stoppable, and a way to put it in another. */
export function LeadEnrollmentsCard() {
  const lead = useRecordContext<Lead>();
  const [open, setOpen] = useState(false);
  const {
    data = [],
    error,
    refetch,
  } = useGetList<Enrollment>(
    "enrollments",
    { filter: { lead_id: lead?.id }, sort: { field: "enrolled_at", order: "DESC" }, pagination: { page: 1, perPage: 50 } },
    { enabled: lead?.id !== undefined },
  );
  const list = useList({ data });
  if (!lead) return null;
  return (
    <SectionCard
      title="Sequences"
      id="lead-enrollments"
      action={
        <Button size="small" startIcon={<EnrolIcon />} onClick={() => setOpen(true)} data-testid="enrol-in-sequence">
          Enrol in sequence
        </Button>
      }
    >
      {error && <Alert severity="error">Could not load the enrolments: {(error as Error).message}</Alert>}
      {data.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Not in any sequence.
        </Typography>
      ) : (
        // Inside the lead's page the resource would be "leads": rows are enrolments, and not clickable.
        <ResourceContextProvider value="enrollments">
          <ListContextProvider value={list}>
            <Datagrid bulkActionButtons={false} rowClick={false} data-testid="lead-enrollment-list" sx={{ "& td, & th": { px: 1 } }}>
              <SequenceLinkField label="Sequence" />
              {enrollmentStatusColumns().slice(0, 3)}
              <StopEnrollmentButton />
            </Datagrid>
          </ListContextProvider>
        </ResourceContextProvider>
      )}
      {open && <EnrolLeadDialog lead={lead} onClose={() => setOpen(false)} onDone={() => refetch()} />}
    </SectionCard>
  );
}

function EnrolLeadDialog({ lead, onClose, onDone }: { lead: Lead; onClose: () => void; onDone: () => void }) {
  const { data: sequences = [] } = useGetList<Sequence>("sequences", {
    filter: { status: "active" },
    sort: { field: "name", order: "ASC" },
    pagination: { page: 1, perPage: 100 },
  });
  const [sequenceId, setSequenceId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [create, { isPending }] = useCreate();
  const notify = useNotify();
  const enrol = () =>
    create(
      "enrollments",
      { data: { lead_id: lead.id, sequence_id: sequenceId, source: "manual" } },
      {
        onSuccess: () => {
          notify("Enrolled", { type: "success" });
          onDone();
          onClose();
        },
        // 409 already_enrolled comes back with the API's own words.
        onError: (err) => setError((err as Error).message || "Could not enrol the lead"),
      },
    );
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" data-testid="enrol-lead-dialog">
      <DialogTitle>Enrol in a sequence</DialogTitle>
      <DialogContent>
        <Box sx={{ pt: 1 }}>
          <TextField
            select
            fullWidth
            size="small"
            label="Sequence"
            value={sequenceId}
            onChange={(e) => setSequenceId(e.target.value)}
            slotProps={{ select: { native: true }, htmlInput: { name: "sequence_id" }, inputLabel: { shrink: true } }}
          >
            <option value="">Pick one…</option>
            {sequences.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </TextField>
          {!sequences.length && (
            <Typography variant="caption" color="text.secondary">
              There is no active sequence yet.
            </Typography>
          )}
        </Box>
        {error && (
          <Alert severity="error" sx={{ mt: 1.5 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={enrol} disabled={!sequenceId || isPending} data-testid="enrol-lead-confirm">
          Enrol
        </Button>
      </DialogActions>
    </Dialog>
  );
}
