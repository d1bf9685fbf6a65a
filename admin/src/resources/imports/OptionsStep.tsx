import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import RunIcon from "@mui/icons-material/PlayArrowOutlined";
import { AutocompleteInput, Form, RadioButtonGroupInput, ReferenceInput, TextArrayInput, TextInput } from "react-admin";
import { type FieldValues, useFormContext } from "react-hook-form";
import type { ImportSettingsForm } from "./importModel.ts";

const UNMAPPED_CHOICES = [
  { id: "custom", name: "Keep them as custom fields on each lead" },
  { id: "skip", name: "Leave them out" },
];

/** Defaults for every row (a column in the file wins over them) and what happens to unmapped columns; "Run" starts the import. */
export function OptionsStep({
  settings,
  onBack,
  onRun,
  running,
}: {
  settings: ImportSettingsForm;
  onBack: (settings: ImportSettingsForm) => void;
  onRun: (settings: ImportSettingsForm) => void;
  running: boolean;
}) {
  return (
    <Form defaultValues={settings} onSubmit={(values: FieldValues) => onRun(values as ImportSettingsForm)}>
      <Box data-testid="import-options">
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
          Defaults for every lead
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          Used where a row has no value of its own.
        </Typography>
        <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", md: "1fr 1fr" }, maxWidth: 760 }}>
          <TextInput source="source" label="Source" helperText="e.g. hubspot-migration" />
          <TextInput source="campaign" label="Campaign" helperText="e.g. crm-switch-2026" />
          <TextInput source="subsource" label="Subsource" helperText="e.g. trade-show-list" />
          <ReferenceInput source="owner_id" reference="users" sort={{ field: "name", order: "ASC" }}>
            <AutocompleteInput label="Owner" optionText="name" helperText="Empty: assigned by the usual rules" />
          </ReferenceInput>
        </Box>
        <Box sx={{ maxWidth: 760 }}>
          <TextArrayInput source="tags" label="Tags" helperText="Added to every imported lead; press Enter after each" />
        </Box>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mt: 2 }}>
          Columns not mapped
        </Typography>
        <RadioButtonGroupInput source="unmapped" label={false} choices={UNMAPPED_CHOICES} row={false} helperText={false} />
        <OptionsActions onBack={onBack} running={running} />
      </Box>
    </Form>
  );
}

function OptionsActions({ onBack, running }: { onBack: (settings: ImportSettingsForm) => void; running: boolean }) {
  const { getValues } = useFormContext<ImportSettingsForm>();
  return (
    <Box sx={{ display: "flex", justifyContent: "space-between", mt: 2 }}>
      <Button onClick={() => onBack(getValues())} disabled={running}>
        Back
      </Button>
      <Button type="submit" variant="contained" startIcon={<RunIcon />} disabled={running} data-testid="run-import">
        {running ? "Starting…" : "Run import"}
      </Button>
    </Box>
  );
}
