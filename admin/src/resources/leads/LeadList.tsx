import Avatar from "@mui/material/Avatar";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import {
  CreateButton,
  Datagrid,
  FilterButton,
  List,
  ReferenceField,
  SimpleList,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
} from "react-admin";
import useMediaQuery from "@mui/material/useMediaQuery";
import type { Theme } from "@mui/material/styles";
import UploadIcon from "@mui/icons-material/UploadFileOutlined";
import { Link } from "react-router-dom";
import type { Permissions } from "../../auth/sessionModel.ts";
import { ExportCsvButton } from "../../components/ListActions.tsx";
import { canImport } from "../imports/importModel.ts";
import { ChoiceChipField, ToneChip } from "../../components/ToneChip.tsx";
import { labelOf } from "../../components/toneModel.ts";
import { ScoreField } from "../../components/ScoreBar.tsx";
import { LeadBulkActions } from "./LeadBulkActions.tsx";
import { leadFilters } from "./LeadFilters.tsx";
import { LEAD_GRADES, LEAD_STATUSES, type Lead, dayAndTime, leadDisplayName, leadInitials, statusTone } from "./leadModel.ts";

function LeadListActions() {
  const { permissions } = usePermissions<Permissions>();
  return (
    <TopToolbar>
      <FilterButton />
      <CreateButton />
      {canImport(permissions?.role) && (
        <Button component={Link} to="/imports/create" size="small" startIcon={<UploadIcon />}>
          Import CSV
        </Button>
      )}
      <ExportCsvButton />
    </TopToolbar>
  );
}

/** One line per row: long company names and emails end in an ellipsis (the full text is on the show page). */
const clip = (maxWidth: number) => ({
  display: "block",
  maxWidth,
  overflow: "hidden",
  textOverflow: "ellipsis",
  whiteSpace: "nowrap",
});

export function LeadNameField(_: { label?: string; sortBy?: string }) {
  const lead = useRecordContext<Lead>();
  if (!lead) return null;
  const subtitle = [lead.job_title, lead.city].filter(Boolean).join(" · ");
  // maxWidth + noWrap keep rows one height; the avatar is the visual anchor of the row.
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 1, minWidth: 140, maxWidth: 170 }}>
      <Avatar sx={{ width: 28, height: 28, fontSize: 12, bgcolor: "#e0e7ff", color: "#3730a3" }}>{leadInitials(lead)}</Avatar>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="body2" className="lead-name" sx={{ fontWeight: 600 }} noWrap>
          {leadDisplayName(lead)}
        </Typography>
        {subtitle && (
          <Typography variant="caption" color="text.secondary" noWrap component="div">
            {String(subtitle)}
          </Typography>
        )}
      </Box>
    </Box>
  );
}

/** Email over phone in one cell: reps scan "how do I reach them" as one thing, and it saves a column. */
export function LeadContactField(_: { label?: string; sortBy?: string }) {
  const lead = useRecordContext<Lead>();
  if (!lead) return null;
  return (
    <Box sx={{ maxWidth: 180, minWidth: 0 }}>
      <Typography variant="body2" className="lead-email" sx={clip(180)}>
        {lead.email ?? ""}
      </Typography>
      <Typography
        variant="caption"
        color="text.secondary"
        component="div"
        sx={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}
      >
        {lead.phone_e164 ?? lead.phone ?? ""}
      </Typography>
    </Box>
  );
}

export function CreatedField(_: { label?: string; sortBy?: string }) {
  const lead = useRecordContext<Lead>();
  const when = dayAndTime(lead?.created_at);
  if (!when) return null;
  return (
    <Box sx={{ whiteSpace: "nowrap" }} title={new Date(String(lead?.created_at)).toLocaleString("en-IN")}>
      <Typography variant="body2">{when.day}</Typography>
      <Typography variant="caption" color="text.secondary">
        {when.time}
      </Typography>
    </Box>
  );
}

/** Phones get a one-line-per-lead list: a 10-column grid does not fit 390 px. */
export function LeadSimpleList() {
  return (
    <SimpleList
      linkType="show"
      primaryText={(lead: Lead) => leadDisplayName(lead)}
      secondaryText={(lead: Lead) => [lead.company, lead.phone_e164 ?? lead.email].filter(Boolean).join(" · ")}
      tertiaryText={(lead: Lead) => <ToneChip label={labelOf(LEAD_STATUSES, lead.status)} tone={statusTone(lead.status)} />}
      leftAvatar={(lead: Lead) => leadInitials(lead)}
    />
  );
}

/** The leads grid, shared by the lead list and "My leads". */
export function LeadDatagrid({ showOwner = true }: { showOwner?: boolean }) {
  return (
    <Datagrid
      rowClick="show"
      bulkActionButtons={<LeadBulkActions />}
      sx={{
        "& .RaDatagrid-rowCell, & .RaDatagrid-headerCell": { px: 0.75, py: 0.75 },
        "& .RaDatagrid-rowCell": { fontSize: 13.5 },
      }}
    >
      <TextField source="lead_number" label="Lead #" sx={{ fontFamily: "monospace", fontSize: 11.5, whiteSpace: "nowrap" }} />
      <LeadNameField label="Name" sortBy="first_name" />
      <TextField source="company" sx={clip(120)} />
      <LeadContactField label="Email / phone" sortBy="email" />
      <TextField source="source" sx={clip(100)} />
      <ChoiceChipField source="status" choices={LEAD_STATUSES} label="Status" />
      <ScoreField source="lead_score" label="Score" />
      <ChoiceChipField source="grade" choices={LEAD_GRADES} label="Grade" />
      {showOwner && <ReferenceField source="owner_id" reference="users" label="Owner" link={false} emptyText="Unassigned" sx={clip(100)} />}
      <CreatedField label="Created" sortBy="created_at" />
    </Datagrid>
  );
}

export function LeadList() {
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down("sm"));
  return (
    <List
      filters={leadFilters}
      actions={<LeadListActions />}
      sort={{ field: "created_at", order: "DESC" }}
      perPage={25}
      title="Leads"
      // Shorter than react-admin's 500 ms: a rep who types a name and clicks the row at once must not be
      // pulled back to the list when the pending filter update lands.
      debounce={300}
    >
      {isSmall ? <LeadSimpleList /> : <LeadDatagrid />}
    </List>
  );
}
