import { type ReactNode, useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import TextField from "@mui/material/TextField";
import { useCreate, useNotify, useRefresh } from "react-admin";
import type { Choice } from "../components/toneModel.ts";
import { LEAD_STATUSES } from "../resources/leads/leadModel.ts";
import {
  ADDABLE_KINDS,
  CHANNELS,
  DEFAULT_CHANNEL,
  DIRECTIONS,
  type EngagementForm,
  LOGGABLE_TYPES,
  type MilestoneForm,
  OUTCOMES,
  emptyEngagementForm,
  emptyMilestoneForm,
  engagementErrors,
  engagementPayload,
  milestoneErrors,
  milestonePayload,
} from "./journeyModel.ts";

type Setter<F> = <K extends keyof F>(key: K, value: F[K]) => void;

function Field<F>({
  form,
  set,
  name,
  label,
  errors,
  type = "text",
  multiline,
  choices,
  empty,
  half,
}: {
  form: F;
  set: Setter<F>;
  name: keyof F & string;
  label: string;
  errors: Partial<Record<keyof F, string>>;
  type?: string;
  multiline?: boolean;
  choices?: readonly Choice[];
  empty?: string;
  half?: boolean;
}) {
  return (
    <TextField
      size="small"
      label={label}
      type={type}
      select={Boolean(choices)}
      multiline={multiline}
      minRows={multiline ? 2 : undefined}
      value={String(form[name] ?? "")}
      onChange={(e) => set(name, e.target.value as F[typeof name])}
      error={Boolean(errors[name])}
      helperText={errors[name]}
      sx={{ gridColumn: half ? "span 1" : "1 / -1" }}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { name }, ...(choices ? { select: { native: true } } : {}) }}
    >
      {choices && [
        ...(empty !== undefined
          ? [
              <option key="" value="">
                {empty}
              </option>,
            ]
          : []),
        ...choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        )),
      ]}
    </TextField>
  );
}

function FormDialog({
  title,
  testId,
  onClose,
  onSave,
  busy,
  error,
  children,
}: {
  title: string;
  testId: string;
  onClose: () => void;
  onSave: () => void;
  busy: boolean;
  error: string | null;
  children: ReactNode;
}) {
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid={testId}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Box sx={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 2, pt: 1 }}>{children}</Box>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={onSave} disabled={busy} data-testid={`${testId}-save`}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function useFormState<F>(initial: F): [F, Setter<F>] {
  const [form, setForm] = useState(initial);
  return [form, (key, value) => setForm((f) => ({ ...f, [key]: value }))];
}

/** "Add milestone": a visit, demo, booking… with where, how long, how it went, and an optional follow-up and status move. */
export function MilestoneDialog({ leadId, onClose, onDone }: { leadId: string; onClose: () => void; onDone: () => void }) {
  const [form, set] = useFormState<MilestoneForm>(emptyMilestoneForm(new Date()));
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [create, { isPending }] = useCreate();
  const notify = useNotify();
  const refresh = useRefresh();
  const errors = shown ? milestoneErrors(form) : {};
  const save = () => {
    setShown(true);
    if (Object.keys(milestoneErrors(form)).length) return;
    create(
      "milestones",
      { data: milestonePayload(leadId, form) },
      {
        onSuccess: () => {
          notify("Milestone added", { type: "success" });
          onDone();
          // A status move changes the lead's header too.
          if (form.status_after) refresh();
          onClose();
        },
        onError: (err) => setError((err as Error).message || "Could not add the milestone"),
      },
    );
  };
  const p = { form, set, errors };
  return (
    <FormDialog title="Add milestone" testId="milestone-dialog" onClose={onClose} onSave={save} busy={isPending} error={error}>
      <Field {...p} name="kind" label="Kind" choices={ADDABLE_KINDS} half />
      <Field {...p} name="occurred_at" label="When" type="datetime-local" half />
      <Field {...p} name="title" label="Title" />
      <Field {...p} name="location_name" label="Location" />
      <Field {...p} name="latitude" label="Latitude" half />
      <Field {...p} name="longitude" label="Longitude" half />
      <Field {...p} name="duration_minutes" label="Duration (minutes)" type="number" half />
      <Field {...p} name="outcome" label="Outcome" choices={OUTCOMES} empty="—" half />
      <Field {...p} name="notes" label="Notes" multiline />
      <Field {...p} name="follow_up_at" label="Follow up at (creates a task)" type="datetime-local" half />
      <Field {...p} name="status_after" label="Move lead to status" choices={LEAD_STATUSES} empty="Leave as is" half />
    </FormDialog>
  );
}

/** "Log engagement": a call, message, email, meeting or quote, by channel, and whether they answered. */
export function EngagementDialog({ leadId, onClose, onDone }: { leadId: string; onClose: () => void; onDone: () => void }) {
  const [form, set] = useFormState<EngagementForm>(emptyEngagementForm(new Date()));
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [create, { isPending }] = useCreate();
  const notify = useNotify();
  const errors = shown ? engagementErrors(form) : {};
  const setType: Setter<EngagementForm> = (key, value) => {
    set(key, value);
    if (key === "type" && DEFAULT_CHANNEL[String(value)]) set("channel", DEFAULT_CHANNEL[String(value)]);
  };
  const save = () => {
    setShown(true);
    if (Object.keys(engagementErrors(form)).length) return;
    create(
      "engagements",
      { data: engagementPayload(leadId, form) },
      {
        onSuccess: () => {
          notify("Engagement logged", { type: "success" });
          onDone();
          onClose();
        },
        onError: (err) => setError((err as Error).message || "Could not log the engagement"),
      },
    );
  };
  const p = { form, set: setType, errors };
  return (
    <FormDialog title="Log engagement" testId="engagement-dialog" onClose={onClose} onSave={save} busy={isPending} error={error}>
      <Field {...p} name="type" label="Type" choices={LOGGABLE_TYPES} half />
      <Field {...p} name="channel" label="Channel" choices={CHANNELS} half />
      <Field {...p} name="direction" label="Direction" choices={DIRECTIONS} half />
      <Field {...p} name="occurred_at" label="When" type="datetime-local" half />
      <Field {...p} name="subject" label="Subject" />
      <Field {...p} name="duration_minutes" label="Duration (minutes)" type="number" half />
      <Field {...p} name="outcome" label="Outcome" choices={OUTCOMES} empty="—" half />
      <Field {...p} name="notes" label="Notes" multiline />
      <FormControlLabel
        sx={{ gridColumn: "1 / -1" }}
        control={
          <Checkbox
            checked={form.response_received}
            onChange={(e) => set("response_received", e.target.checked)}
            name="response_received"
          />
        }
        label="They responded"
      />
    </FormDialog>
  );
}
