import type { ReactNode } from "react";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import {
  BooleanField,
  Datagrid,
  EditButton,
  List,
  ListButton,
  ReferenceField,
  SearchInput,
  SelectInput,
  Show,
  TextField,
  TopToolbar,
  useRecordContext,
} from "react-admin";
import { ListActions } from "../../components/ListActions.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { SourceHealthPanel } from "../../components/SourceHealthPanel.tsx";
import { ToneChip } from "../../components/ToneChip.tsx";
import { mappingTargetLabel } from "../../components/mappingTargetModel.ts";
import { formatDateTime } from "../leads/LeadFieldValue.tsx";
import { FormEmbedCode, FormPreview } from "./FormEmbedPanel.tsx";
import { FORM_FIELD_TYPES, type FormFieldDef } from "./formModel.ts";
import { TenantDateField } from "../../components/TenantDateField.tsx";

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="active"
    source="is_active"
    label="Active"
    choices={[
      { id: true, name: "Active" },
      { id: false, name: "Inactive" },
    ]}
    alwaysOn
  />,
];

export function FormList() {
  return (
    <List
      filters={filters}
      sort={{ field: "name", order: "ASC" }}
      perPage={25}
      title="Web forms"
      actions={<ListActions createLabel="New form" />}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" sx={{ fontWeight: 600 }} />
        <TextField source="key" sortable={false} sx={{ fontFamily: "monospace", fontSize: 12 }} />
        <TextField source="source" emptyText="web-form" sortable={false} />
        <TextField source="campaign" emptyText="—" sortable={false} />
        <TenantDateField source="last_submission_at" label="Last submission" showTime emptyText="Never" />
        <BooleanField source="is_active" label="Active" sortable={false} />
      </Datagrid>
    </List>
  );
}

interface FormRecord {
  id: string;
  key: string;
  name: string;
  description?: string | null;
  fields?: FormFieldDef[];
  allowed_origins?: string[];
  redirect_url?: string | null;
  thank_you_message?: string | null;
  consent_text?: string | null;
  source?: string | null;
  subsource?: string | null;
  campaign?: string | null;
  honeypot_field?: string | null;
  owner_id?: string | null;
  is_active?: boolean;
  last_submission_at?: string | null;
  updated_at?: string;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography variant="caption" color="text.secondary" sx={{ pt: 0.25 }}>
        {label}
      </Typography>
      <Box sx={{ minWidth: 0, fontSize: 14, wordBreak: "break-word", whiteSpace: "pre-wrap" }}>{children || "—"}</Box>
    </>
  );
}

function FieldsTable({ fields }: { fields: FormFieldDef[] }) {
  return (
    <Table size="small" data-testid="form-fields-table">
      <TableHead>
        <TableRow>
          <TableCell>Label</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Maps to</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {fields.map((f) => (
          <TableRow key={f.name}>
            <TableCell>
              {f.label || f.name}
              {f.required && (
                <Box component="span" sx={{ color: "#b91c1c" }}>
                  {" "}
                  *
                </Box>
              )}
              <Typography variant="caption" color="text.secondary" component="div" sx={{ fontFamily: "monospace" }}>
                {f.name}
              </Typography>
            </TableCell>
            <TableCell>{FORM_FIELD_TYPES.find((t) => t.id === f.type)?.name ?? f.type}</TableCell>
            <TableCell>{mappingTargetLabel(f.maps_to) || "by name"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function FormDetails() {
  const form = useRecordContext<FormRecord>();
  if (!form) return null;
  return (
    <Box sx={{ display: "flex", flexDirection: "column", gap: 2, pb: 3 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap", rowGap: 1 }}>
        <Typography variant="h5" component="h1" className="form-title" sx={{ wordBreak: "break-word" }}>
          {form.name}
        </Typography>
        <ToneChip label={form.is_active === false ? "Inactive" : "Active"} tone={form.is_active === false ? "grey" : "green"} />
        <Chip size="small" variant="outlined" label={form.key} sx={{ fontFamily: "monospace" }} />
      </Stack>
      <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "minmax(0, 7fr) minmax(0, 5fr)" }, alignItems: "start" }}>
        <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
          <SourceHealthPanel resource="forms" id={form.id} />
          <SectionCard title="Settings">
            <Box sx={{ display: "grid", gridTemplateColumns: "150px 1fr", columnGap: 2, rowGap: 1.25 }}>
              <Row label="Description">{form.description}</Row>
              <Row label="Source / subsource">{[form.source ?? "web-form", form.subsource ?? form.name].join(" / ")}</Row>
              <Row label="Campaign">{form.campaign}</Row>
              <Row label="Owner">
                {form.owner_id ? <ReferenceField source="owner_id" reference="users" link="show" /> : "Assignment rules decide"}
              </Row>
              <Row label="Thank-you message">{form.thank_you_message}</Row>
              <Row label="Redirect URL">{form.redirect_url}</Row>
              <Row label="Consent text">{form.consent_text}</Row>
              <Row label="Spam trap field">{form.honeypot_field ? <code>{form.honeypot_field}</code> : "Off"}</Row>
              <Row label="Allowed origins">
                {form.allowed_origins?.length ? (
                  <Box sx={{ display: "flex", flexWrap: "wrap", gap: 0.5 }}>
                    {form.allowed_origins.map((o) => (
                      <Chip key={o} size="small" label={o} />
                    ))}
                  </Box>
                ) : (
                  "Any site"
                )}
              </Row>
              <Row label="Last submission">{form.last_submission_at ? formatDateTime(form.last_submission_at) : "Never"}</Row>
            </Box>
          </SectionCard>
          <SectionCard title={`Fields (${form.fields?.length ?? 0})`}>
            {form.fields?.length ? (
              <FieldsTable fields={form.fields} />
            ) : (
              <Typography variant="body2" color="text.secondary">
                The default set
              </Typography>
            )}
          </SectionCard>
        </Box>
        <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
          <FormPreview form={form} />
          <FormEmbedCode form={form} />
        </Box>
      </Box>
    </Box>
  );
}

function FormShowTitle() {
  const form = useRecordContext<FormRecord>();
  return <span>{form?.name ? `Form: ${form.name}` : "Form"}</span>;
}

export function FormShow() {
  return (
    <Show
      component="div"
      title={<FormShowTitle />}
      actions={
        <TopToolbar>
          <ListButton label="All forms" />
          <EditButton label="Edit in builder" />
        </TopToolbar>
      }
    >
      <FormDetails />
    </Show>
  );
}
