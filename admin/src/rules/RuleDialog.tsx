import { type ReactNode, useState } from "react";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Divider from "@mui/material/Divider";
import FormControlLabel from "@mui/material/FormControlLabel";
import Switch from "@mui/material/Switch";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { ConditionBuilder } from "./ConditionBuilder.tsx";
import { conditionErrors } from "./conditionModel.ts";
import type { DraftItem, RuleBase } from "./draftModel.ts";
import { RuleTestPanel } from "./RuleTestPanel.tsx";

const conditionErrorsOf = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).flatMap(([k, v]) => (k.startsWith("condition.") ? [[k.slice("condition.".length), v]] : [])));

/**
 * Edits one rule of a draft: name, the kind's own fields (`fields`), active, the condition, and a
 * test against a lead. Saving only changes the draft; nothing reaches the API until it is published.
 */
export function RuleDialog<R extends RuleBase>({
  initial,
  isNew,
  readOnly,
  validate,
  fields,
  onSave,
  onClose,
}: {
  initial: DraftItem<R>;
  isNew: boolean;
  readOnly?: boolean;
  validate: (rule: R) => Record<string, string>;
  fields: (rule: R, change: (patch: Partial<R>) => void, errors: Record<string, string>) => ReactNode;
  onSave: (rule: DraftItem<R>) => void;
  onClose: () => void;
}) {
  const [rule, setRule] = useState(initial);
  // Errors show after a first try to save: a new rule is all blanks, which is not yet a mistake.
  const [tried, setTried] = useState(false);
  const errors = validate(rule);
  const shown = tried ? errors : {};
  const change = (patch: Partial<R>) => setRule((r) => ({ ...r, ...patch }));
  const save = () => {
    setTried(true);
    if (!Object.keys(errors).length) onSave(rule);
  };

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth slotProps={{ paper: { "data-testid": "rule-dialog" } as object }}>
      <DialogTitle>{readOnly ? rule.name : isNew ? "New rule" : `Edit “${initial.name}”`}</DialogTitle>
      <DialogContent dividers>
        <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", sm: "2fr 1fr" }, gap: 2, alignItems: "start" }}>
          <TextField
            label="Name"
            name="name"
            size="small"
            value={rule.name}
            onChange={(e) => change({ name: e.target.value } as Partial<R>)}
            error={Boolean(shown.name)}
            helperText={shown.name}
            disabled={readOnly}
            autoFocus={isNew}
            fullWidth
          />
          <FormControlLabel
            control={
              <Switch
                checked={rule.active !== false}
                onChange={(e) => change({ active: e.target.checked } as Partial<R>)}
                name="active"
                disabled={readOnly}
              />
            }
            label="Active"
          />
          <TextField
            label="Description (optional)"
            name="description"
            size="small"
            value={rule.description ?? ""}
            onChange={(e) => change({ description: e.target.value } as Partial<R>)}
            disabled={readOnly}
            fullWidth
            sx={{ gridColumn: "1 / -1" }}
          />
        </Box>
        <Box sx={{ mt: 2 }}>{fields(rule, change, shown)}</Box>
        <Divider sx={{ my: 2 }} />
        <Typography variant="overline" color="text.secondary" component="h3">
          Condition
        </Typography>
        <ConditionBuilder
          value={rule.condition}
          onChange={(condition) => change({ condition } as Partial<R>)}
          errors={conditionErrorsOf(shown)}
          disabled={readOnly}
        />
        <Divider sx={{ my: 2 }} />
        <RuleTestPanel condition={rule.condition} valid={Object.keys(conditionErrors(rule.condition)).length === 0} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{readOnly ? "Close" : "Cancel"}</Button>
        {!readOnly && (
          <Button variant="contained" onClick={save} data-testid="rule-dialog-save">
            {isNew ? "Add to draft" : "Update draft"}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
