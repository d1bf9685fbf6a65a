import Box from "@mui/material/Box";
import { TenantDateField } from "../../components/TenantDateField.tsx";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import {
  Datagrid,
  EditButton,
  ListButton,
  ReferenceField,
  ReferenceManyField,
  Show,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
} from "react-admin";
import { SectionCard } from "../../components/SectionCard.tsx";
import { SourceHealthPanel } from "../../components/SourceHealthPanel.tsx";
import { ChoiceChipField, ToneChip } from "../../components/ToneChip.tsx";
import { mappingTargetLabel } from "../../components/mappingTargetModel.ts";
import type { Permissions } from "../../auth/sessionModel.ts";
import { formatDateTime } from "../leads/LeadFieldValue.tsx";
import { EVENT_OUTCOMES, EVENT_STATUSES } from "../inbound_events/inboundEventModel.ts";
import { PartnerApiHelp, PartnerEmailIngest, PartnerWebhooks } from "./PartnerEndpoints.tsx";
import { PartnerRotateButton } from "./PartnerRotateButton.tsx";
import { PartnerTitle } from "./PartnerEdit.tsx";
import { SECRET_SETTINGS, URL_SETTINGS, mappingToRows } from "./partnerModel.ts";
import { may } from "../../../../core/permissions.ts";

interface Partner {
  id: string;
  name: string;
  description?: string | null;
  default_source?: string | null;
  is_active?: boolean;
  /** The field mapping and the vendors' base URLs (URL_SETTINGS). */
  settings?: ({ field_mapping?: Record<string, string> } & Record<string, unknown>) | null;
  last_delivery_at?: string | null;
  created_at?: string;
}

function RecentDeliveries() {
  return (
    <SectionCard title="Last deliveries">
      <ReferenceManyField reference="inbound_events" target="partner_id" sort={{ field: "created_at", order: "DESC" }} perPage={10}>
        <Datagrid
          rowClick="show"
          bulkActionButtons={false}
          empty={
            <Typography variant="body2" color="text.secondary">
              Nothing received yet
            </Typography>
          }
          data-testid="partner-deliveries"
        >
          <TenantDateField source="created_at" label="Received" showTime />
          <TextField source="format" />
          <ChoiceChipField source="status" choices={EVENT_STATUSES} label="Status" />
          <ChoiceChipField source="outcome" choices={EVENT_OUTCOMES} label="Outcome" />
          <ReferenceField source="lead_id" reference="leads" label="Lead" link="show" emptyText="—" />
        </Datagrid>
      </ReferenceManyField>
    </SectionCard>
  );
}

function MappingSummary({ partner, canEdit }: { partner: Partner; canEdit: boolean }) {
  const rows = mappingToRows(partner.settings?.field_mapping);
  const urls = URL_SETTINGS.map((s) => [s.label, partner.settings?.[s.key]] as const).filter(
    (u): u is readonly [string, string] => typeof u[1] === "string" && u[1] !== "",
  );
  return (
    <SectionCard title="Field mapping & vendor settings" action={canEdit ? <EditButton label="Change" /> : undefined}>
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No field mapping: common field names are read on their own.
        </Typography>
      ) : (
        <Table size="small" data-testid="partner-mapping">
          <TableHead>
            <TableRow>
              <TableCell>Sender's key</TableCell>
              <TableCell>Lead field</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.from}>
                <TableCell sx={{ fontFamily: "monospace", fontSize: 12.5, wordBreak: "break-all" }}>{r.from}</TableCell>
                <TableCell>{mappingTargetLabel(r.to)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {urls.map(([label, value]) => (
        <Typography key={label} variant="body2" sx={{ mt: 1, wordBreak: "break-all" }}>
          {label}: <code>{value}</code>
        </Typography>
      ))}
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1.5 }}>
        Vendor secrets ({SECRET_SETTINGS.map((s) => s.label).join(", ")}) are write-only: an admin sets or replaces them on the edit page.
      </Typography>
    </SectionCard>
  );
}

function PartnerDetails() {
  const partner = useRecordContext<Partner>();
  const { permissions } = usePermissions<Permissions>();
  if (!partner) return null;
  const canTest = may(permissions?.role, "partners", "show");
  const canEdit = may(permissions?.role, "partners", "edit");
  return (
    <Box sx={{ display: "flex", flexDirection: "column", gap: 2, pb: 3 }}>
      <Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap", rowGap: 1 }}>
          <Typography variant="h5" component="h1" className="partner-title" sx={{ wordBreak: "break-word" }}>
            {partner.name}
          </Typography>
          <ToneChip label={partner.is_active === false ? "Inactive" : "Active"} tone={partner.is_active === false ? "grey" : "green"} />
          {partner.default_source && <ToneChip label={`Source: ${partner.default_source}`} tone="indigo" />}
        </Stack>
        {partner.description && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, whiteSpace: "pre-wrap" }}>
            {partner.description}
          </Typography>
        )}
        <Typography variant="caption" color="text.secondary">
          Created {formatDateTime(partner.created_at)}
        </Typography>
      </Box>
      <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "minmax(0, 7fr) minmax(0, 5fr)" }, alignItems: "start" }}>
        <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
          <SourceHealthPanel resource="partners" id={partner.id} />
          <RecentDeliveries />
          <MappingSummary partner={partner} canEdit={canEdit} />
        </Box>
        <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
          <PartnerWebhooks partnerId={String(partner.id)} canTest={canTest} />
          <PartnerEmailIngest />
          <PartnerApiHelp />
        </Box>
      </Box>
    </Box>
  );
}

function PartnerShowActions() {
  const { permissions } = usePermissions<Permissions>();
  // Whoever may change partners may rotate their credentials (core/permissions.ts; the API enforces it too).
  const canChange = may(permissions?.role, "partners", "edit");
  return (
    <TopToolbar>
      <ListButton label="All partners" />
      {canChange && <PartnerRotateButton />}
      {canChange && <EditButton />}
    </TopToolbar>
  );
}

export function PartnerShow() {
  return (
    <Show component="div" actions={<PartnerShowActions />} title={<PartnerTitle />}>
      <PartnerDetails />
    </Show>
  );
}
