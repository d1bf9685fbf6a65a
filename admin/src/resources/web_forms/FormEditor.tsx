import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import {
  AutocompleteInput,
  BooleanInput,
  Create,
  Edit,
  ListButton,
  ReferenceInput,
  SaveButton,
  ShowButton,
  SimpleForm,
  TextInput,
  Toolbar,
  TopToolbar,
  required,
  useRecordContext,
} from "react-admin";
import { useFormState } from "react-hook-form";
import { SectionCard } from "../../components/SectionCard.tsx";
import { FormEmbedCode, FormPreview, type SavedForm } from "./FormEmbedPanel.tsx";
import { FormFieldsInput } from "./FormFieldsInput.tsx";
import { OriginsInput } from "./OriginsInput.tsx";
import { DEFAULT_FIELDS, formWritePayload, validateHoneypot, validateRedirectUrl } from "./formModel.ts";

const two = { display: "grid", columnGap: 2, gridTemplateColumns: { xs: "1fr", md: "1fr 1fr" } } as const;

function SavedFormPanels() {
  const record = useRecordContext<SavedForm>();
  const { isDirty } = useFormState();
  if (!record?.key) {
    return (
      <SectionCard title="Preview & embed">
        <Typography variant="body2" color="text.secondary">
          Save the form to get its hosted page, a live preview and the code to embed it on a website.
        </Typography>
      </SectionCard>
    );
  }
  return (
    <>
      <FormPreview form={record} dirty={isDirty} />
      <FormEmbedCode form={record} />
    </>
  );
}

function FormEditorLayout() {
  return (
    <Box
      sx={{
        display: "grid",
        gap: 2,
        width: "100%",
        gridTemplateColumns: { xs: "1fr", lg: "minmax(0, 7fr) minmax(0, 5fr)" },
        alignItems: "start",
      }}
    >
      <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
        <SectionCard title="Form">
          <TextInput source="name" validate={required()} fullWidth helperText="Shown as the hosted page's heading" />
          <TextInput source="description" multiline minRows={2} fullWidth helperText="For your team; visitors do not see it" />
          <BooleanInput source="is_active" label="Active (an inactive form refuses submissions)" />
        </SectionCard>
        <SectionCard title="Fields">
          <FormFieldsInput />
        </SectionCard>
        <SectionCard title="After submission">
          <TextInput source="thank_you_message" multiline minRows={2} fullWidth helperText="Shown after a successful submission" />
          <TextInput
            source="redirect_url"
            label="Redirect URL"
            validate={validateRedirectUrl}
            fullWidth
            helperText="Optional: send visitors of the hosted page here instead of the thank-you page"
          />
          <TextInput
            source="consent_text"
            multiline
            minRows={2}
            fullWidth
            helperText="Optional: adds a required consent checkbox with this text (stored on the lead)"
          />
        </SectionCard>
        <SectionCard title="Attribution, routing & spam">
          <Box sx={two}>
            <TextInput source="source" helperText="Lead source (default web-form)" />
            <TextInput source="subsource" helperText="Default: the form's name" />
            <TextInput source="campaign" />
            <ReferenceInput source="owner_id" reference="users">
              <AutocompleteInput label="Owner" optionText="name" helperText="Optional: who gets these leads" />
            </ReferenceInput>
            <TextInput
              source="honeypot_field"
              label="Spam trap field"
              validate={validateHoneypot}
              helperText="A hidden input bots fill in; empty turns the trap off"
            />
          </Box>
          <OriginsInput />
        </SectionCard>
      </Box>
      <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0, position: { lg: "sticky" }, top: { lg: 64 } }}>
        <SavedFormPanels />
      </Box>
    </Box>
  );
}

function EditorToolbar() {
  return (
    <Toolbar sx={{ mt: 2, border: "1px solid #e2e8f0", bgcolor: "#fff", borderRadius: 2 }}>
      <SaveButton label="Save form" />
    </Toolbar>
  );
}

function FormTitle() {
  const record = useRecordContext<{ name?: string }>();
  return <span>{record?.name ? `Form: ${record.name}` : "Form"}</span>;
}

function EditActions() {
  return (
    <TopToolbar>
      <ListButton label="All forms" />
      <ShowButton label="Health & details" />
    </TopToolbar>
  );
}

export function FormEdit() {
  return (
    <Edit
      mutationMode="pessimistic"
      redirect={false}
      transform={formWritePayload}
      actions={<EditActions />}
      component="div"
      title={<FormTitle />}
    >
      <SimpleForm toolbar={<EditorToolbar />} component={Box}>
        <FormEditorLayout />
      </SimpleForm>
    </Edit>
  );
}

export function FormCreate() {
  return (
    <Create
      title="New form"
      redirect="edit"
      actions={
        <TopToolbar>
          <ListButton label="All forms" />
        </TopToolbar>
      }
      transform={formWritePayload}
      component="div"
      record={{ fields: DEFAULT_FIELDS.map((f) => ({ ...f })), honeypot_field: "website_url", is_active: true, allowed_origins: [] }}
    >
      <SimpleForm toolbar={<EditorToolbar />} component={Box}>
        <FormEditorLayout />
      </SimpleForm>
    </Create>
  );
}
