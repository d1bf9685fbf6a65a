import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { Link as RouterLink } from "react-router-dom";
import {
  Datagrid,
  EditButton,
  ListButton,
  ReferenceField,
  ReferenceManyField,
  Show,
  TextField,
  TopToolbar,
  useRecordContext,
} from "react-admin";
import { RecordTimeline } from "../../components/RecordTimeline.tsx";
import { CustomFieldValues } from "../../components/CustomFieldValues.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { ToneChip } from "../../components/ToneChip.tsx";
import { labelOf } from "../../components/toneModel.ts";
import { DealValueField } from "../opportunities/DealValueField.tsx";
import { StatusField } from "../opportunities/StatusField.tsx";
import { RecordTasks } from "../tasks/RecordTasks.tsx";
import { CHANNELS, CONTACT_ROLES, type Contact, contactName } from "./contactModel.ts";

function ContactHeader() {
  const c = useRecordContext<Contact>();
  if (!c) return null;
  return (
    <Card variant="outlined" sx={{ p: 2.5, borderRadius: 2 }} data-testid="contact-header">
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap", rowGap: 0.5 }}>
        <Typography variant="h5" component="h1">
          {contactName(c)}
        </Typography>
        {c.is_primary && <ToneChip label="Primary" tone="teal" />}
        {c.role ? <ToneChip label={labelOf(CONTACT_ROLES, c.role)} tone="violet" /> : null}
      </Stack>
      <Typography variant="body1" color="text.secondary" sx={{ mt: 0.5 }}>
        {c.job_title ? `${String(c.job_title)} at ` : ""}
        {c.account_id ? <ReferenceField source="account_id" reference="accounts" link="show" /> : "no account"}
      </Typography>
      <Box sx={{ display: "flex", gap: 3, mt: 1, flexWrap: "wrap" }}>
        {c.email && <Link href={`mailto:${c.email}`}>{c.email}</Link>}
        {(c.phone_e164 || c.phone) && <Link href={`tel:${c.phone_e164 ?? c.phone}`}>{c.phone_e164 || c.phone}</Link>}
        {c.preferred_channel ? <Typography variant="body2">Prefers {labelOf(CHANNELS, c.preferred_channel)}</Typography> : null}
        {c.influence != null && <Typography variant="body2">Influence {String(c.influence)}/10</Typography>}
        {c.lead_id && (
          <Link component={RouterLink} to={`/leads/${c.lead_id}/show`} sx={{ fontSize: 14 }}>
            From lead
          </Link>
        )}
      </Box>
    </Card>
  );
}

export function ContactShow() {
  return (
    <Show
      component="div"
      actions={
        <TopToolbar>
          <ListButton label="All contacts" />
          <EditButton />
        </TopToolbar>
      }
    >
      <Box sx={{ display: "flex", flexDirection: "column", gap: 2, pb: 3 }}>
        <ContactHeader />
        <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "minmax(0, 7fr) minmax(0, 5fr)" }, alignItems: "start" }}>
          <SectionCard title="Deals">
            <ReferenceManyField
              reference="opportunities"
              target="primary_contact_id"
              sort={{ field: "created_at", order: "DESC" }}
              perPage={50}
              empty={
                <Typography variant="body2" color="text.secondary">
                  No deals with this contact as primary.
                </Typography>
              }
            >
              <Datagrid rowClick="show" bulkActionButtons={false}>
                <TextField source="name" />
                <ReferenceField source="stage_id" reference="pipeline_stages" link={false} label="Stage" />
                <DealValueField label="Value" />
                <StatusField label="Status" />
              </Datagrid>
            </ReferenceManyField>
          </SectionCard>
          <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
            <CustomFieldValues recordType="contact" />
            <RecordTasks recordType="contact" />
            <RecordTimeline recordType="contact" />
          </Box>
        </Box>
      </Box>
    </Show>
  );
}
