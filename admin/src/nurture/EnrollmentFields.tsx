import Link from "@mui/material/Link";
import { TenantDateField } from "../components/TenantDateField.tsx";
import Typography from "@mui/material/Typography";
import { FunctionField, ReferenceField, useRecordContext } from "react-admin";
import { Link as RouterLink } from "react-router-dom";
import { ChoiceChipField } from "../components/ToneChip.tsx";
import { ENROLLMENT_STATUSES, EXIT_REASONS, type Enrollment, enrollmentWhere } from "./enrollmentModel.ts";

// Columns shared by the enrolments list, a sequence's enrolments and a lead's.

export function LeadLinkField(_: { label?: string }) {
  const e = useRecordContext<Enrollment>();
  if (!e) return null;
  // Without the API's lead_name, the lead's own record names it (one batched read per page).
  if (!e.lead_name) return <ReferenceField source="lead_id" reference="leads" link="show" className="enrollment-lead" />;
  return (
    <Link
      component={RouterLink}
      to={`/leads/${encodeURIComponent(e.lead_id)}/show`}
      onClick={(ev) => ev.stopPropagation()}
      className="enrollment-lead"
    >
      {e.lead_name}
    </Link>
  );
}

export function SequenceLinkField(_: { label?: string }) {
  const e = useRecordContext<Enrollment>();
  if (!e) return null;
  if (!e.sequence_name) return <ReferenceField source="sequence_id" reference="sequences" link="show" className="enrollment-sequence" />;
  return (
    <Link
      component={RouterLink}
      to={`/sequences/${encodeURIComponent(e.sequence_id)}/show`}
      onClick={(ev) => ev.stopPropagation()}
      className="enrollment-sequence"
    >
      {e.sequence_name} <span style={{ color: "#64748b" }}>v{e.sequence_version}</span>
    </Link>
  );
}

export const enrollmentStatusColumns = () => [
  <ChoiceChipField key="status" source="status" label="Status" choices={ENROLLMENT_STATUSES} />,
  <ChoiceChipField key="exit" source="exit_reason" label="Exit reason" choices={EXIT_REASONS} sortable={false} />,
  <FunctionField<Enrollment>
    key="where"
    label="Where"
    render={(e) => (
      <>
        {enrollmentWhere(e)}
        {e.waiting_reason && (
          <Typography variant="caption" color="warning.main" component="div" className="enrollment-waiting" sx={{ maxWidth: 260 }}>
            Waiting: {e.waiting_reason}
          </Typography>
        )}
      </>
    )}
  />,
  <TenantDateField key="next" source="next_run_at" label="Next run" showTime emptyText="—" />,
  <TenantDateField key="enrolled" source="enrolled_at" label="Enrolled" showTime />,
];
