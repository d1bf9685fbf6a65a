import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import TuneIcon from "@mui/icons-material/TuneOutlined";
import {
  Datagrid,
  FilterButton,
  FunctionField,
  List,
  ReferenceField,
  SelectInput,
  TopToolbar,
  usePermissions,
  useRecordContext,
} from "react-admin";
import { Link } from "react-router-dom";
import type { Permissions } from "../../auth/sessionModel.ts";
import { ExportCsvButton } from "../../components/ListActions.tsx";
import { MatchScoreBar, ReasonChips } from "../../components/MatchScore.tsx";
import { ChoiceChipField } from "../../components/ToneChip.tsx";
import { formatDateTime } from "../leads/LeadFieldValue.tsx";
import { type Lead, leadDisplayName } from "../leads/leadModel.ts";
import { relativeTime } from "../leads/timelineModel.ts";
import { type DuplicateReview, REVIEW_ORIGINS, REVIEW_STATUSES } from "./duplicateModel.ts";

const filters = [
  <SelectInput key="status" source="status" label="Status" choices={[...REVIEW_STATUSES]} emptyText="Any" alwaysOn />,
  <SelectInput key="origin" source="origin" label="Found" choices={[...REVIEW_ORIGINS]} emptyText="Any" alwaysOn />,
];

function QueueActions() {
  const { permissions } = usePermissions<Permissions>();
  return (
    <TopToolbar>
      <FilterButton />
      {permissions?.canManageUsers && (
        <Button component={Link} to="/dedup/settings" size="small" startIcon={<TuneIcon />}>
          Rules & scan
        </Button>
      )}
      <ExportCsvButton />
    </TopToolbar>
  );
}

/** A lead inside a ReferenceField: name over number, so the two sides of a pair read alike. */
function LeadCell() {
  const lead = useRecordContext<Lead>();
  if (!lead) return null;
  return (
    <Box sx={{ minWidth: 0, maxWidth: 200 }}>
      <Typography variant="body2" className="review-lead-name" sx={{ fontWeight: 600 }} noWrap>
        {leadDisplayName(lead)}
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ fontFamily: "monospace" }} component="div" noWrap>
        {lead.lead_number}
      </Typography>
    </Box>
  );
}

const GONE = "(merged away)";

/** The review queue: pairs the matcher was not sure about, most likely first. */
export function DuplicateReviewList() {
  const now = new Date();
  return (
    <List
      title="Duplicates"
      filters={filters}
      filterDefaultValues={{ status: "open" }}
      sort={{ field: "score", order: "DESC" }}
      perPage={25}
      actions={<QueueActions />}
      empty={false}
    >
      <Datagrid
        rowClick="show"
        bulkActionButtons={false}
        data-testid="duplicate-queue"
        empty={
          <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
            Nothing to review: every possible duplicate has been decided.
          </Typography>
        }
      >
        <ReferenceField source="lead_id" reference="leads" label="Incoming" link={false} sortable={false} emptyText={GONE}>
          <LeadCell />
        </ReferenceField>
        <ReferenceField source="candidate_lead_id" reference="leads" label="Existing" link={false} sortable={false} emptyText={GONE}>
          <LeadCell />
        </ReferenceField>
        <FunctionField label="Match" sortBy="score" render={(r: DuplicateReview) => <MatchScoreBar score={r.score} />} />
        <FunctionField label="Why" sortable={false} render={(r: DuplicateReview) => <ReasonChips reasons={r.reasons} max={3} />} />
        <ChoiceChipField source="origin" choices={REVIEW_ORIGINS} label="Found" sortable={false} />
        <ChoiceChipField source="status" choices={REVIEW_STATUSES} label="Status" />
        <FunctionField
          label="Age"
          sortBy="created_at"
          render={(r: DuplicateReview) => <span title={formatDateTime(r.created_at)}>{relativeTime(r.created_at, now)}</span>}
        />
      </Datagrid>
    </List>
  );
}
