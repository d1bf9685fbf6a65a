import {
  AutocompleteInput,
  BooleanInput,
  DateTimeInput,
  NumberInput,
  ReferenceInput,
  SelectInput,
  TabbedForm,
  TextInput,
} from "react-admin";
import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { CustomFieldInputs, useCustomFieldDefinitions } from "../../components/CustomFieldInputs.tsx";
import { LEAD_FIELD_GROUPS, type LeadField, objectToJsonText, tagsToText, textToTags } from "./leadFields.ts";
import { leadDisplayName, validateLeadForm } from "./leadModel.ts";

function FieldInput({ field }: { field: LeadField }) {
  const common = { source: field.source, label: field.label, fullWidth: true, helperText: false as const };
  switch (field.kind) {
    case "longtext":
      return <TextInput {...common} multiline minRows={2} />;
    case "email":
      return <TextInput {...common} type="email" />;
    case "select":
      return <SelectInput {...common} choices={[...(field.choices ?? [])]} emptyText="—" />;
    case "boolean":
      return <BooleanInput source={field.source} label={field.label} helperText={false} />;
    case "datetime":
      return <DateTimeInput {...common} />;
    case "number":
    case "money":
      return <NumberInput {...common} min={field.min} max={field.max} />;
    case "tags":
      return <TextInput {...common} format={tagsToText} parse={textToTags} helperText="Comma-separated" />;
    case "reference":
      return (
        <ReferenceInput source={field.source} reference={field.reference ?? "users"}>
          <AutocompleteInput
            label={field.label}
            fullWidth
            helperText={false}
            optionText={field.reference === "leads" ? leadDisplayName : "name"}
          />
        </ReferenceInput>
      );
    default:
      return <TextInput {...common} />;
  }
}

/**
 * The tenant's lead fields as inputs once any is defined; until then the free JSON editor. Keys no
 * definition names (imports and partners bring their own) stay in the form's values and are saved back.
 * The form has a form-level `validate`, so a missing required field comes back as the API's 422 under its input.
 */
function LeadCustomFields() {
  const { definitions, isPending } = useCustomFieldDefinitions("lead");
  if (isPending) return null;
  if (definitions.length) return <CustomFieldInputs recordType="lead" title={false} />;
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Extra attributes as a JSON object, e.g. {'{"plot_size": "2400 sq ft", "site_visit": "2026-12-01"}'}
      </Typography>
      <TextInput
        source="custom_fields"
        label="Custom fields (JSON)"
        multiline
        minRows={6}
        fullWidth
        format={objectToJsonText}
        parse={(text: string) => text}
        sx={{ maxWidth: 900, "& textarea": { fontFamily: "monospace", fontSize: 13 } }}
      />
    </>
  );
}

/** Create and edit share the show page's grouping: one tab per group, computed fields left out. */
export function LeadForm() {
  return (
    <TabbedForm validate={validateLeadForm} warnWhenUnsavedChanges noValidate>
      {LEAD_FIELD_GROUPS.map((group) => (
        <TabbedForm.Tab key={group.id} label={group.label}>
          <Box
            sx={{
              display: "grid",
              gridTemplateColumns: { xs: "1fr", md: "1fr 1fr" },
              columnGap: 2,
              rowGap: 0.5,
              width: "100%",
              maxWidth: 900,
            }}
          >
            {group.fields
              .filter((field) => !field.readOnly)
              .map((field) => (
                <Box key={field.source} sx={{ gridColumn: field.wide ? "1 / -1" : undefined }}>
                  <FieldInput field={field} />
                </Box>
              ))}
          </Box>
        </TabbedForm.Tab>
      ))}
      <TabbedForm.Tab label="Custom fields">
        <LeadCustomFields />
      </TabbedForm.Tab>
    </TabbedForm>
  );
}
