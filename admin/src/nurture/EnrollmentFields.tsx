import Link from "@mui/material/Link";
import { DateField, FunctionField, useRecordContext } from "react-admin";
import { Link as RouterLink } from "react-router-dom";
import { ChoiceChipField } from "../components/ToneChip.tsx";
import { ENROLLMENT_STATUSES, EXIT_REASONS, type Enrollment, enrollmentWhere } from "./enrollmentModel.ts";

// Columns shared by the enrolments list, a sequence's enrolments and a lead's.

export function LeadLinkField(_: { label?: string }) {
  const e = useRecordContext<Enrollment>();
  if (!e) return null;
  return (
    <Link component={RouterLink} to={`/leads/${encodeURIComponent(e.lead_id)}/show`} onClick={(ev) => ev.stopPropagation()} className="enrollment-lead">
      {e.lead_name || e.lead_id.slice(0, 8)}
    </Link>
  );
}

export function SequenceLinkField(_: { label?: string }) {
  const e = useRecordContext<Enrollment>();
  if (!e) return null;
  return (
    <Link component={RouterLink} to={`/sequences/${encodeURIComponent(e.sequence_id)}/show`} onClick={(ev) => ev.stopPropagation()} className="enrollment-sequence">
      {e.sequence_name || "Sequence"} <span style={{ color: "#64748b" }}>v{e.sequence_version}</span>
    </Link>
  );
}

export const enrollmentStatusColumns = () => [
  <ChoiceChipField key="status" source="status" label="Status" choices={ENROLLMENT_STATUSES} />,
  <ChoiceChipField key="exit" source="exit_reason" label="Exit reason" choices={EXIT_REASONS} sortable={false} />,
  <FunctionField<Enrollment> key="where" label="Where" render={(e) => enrollmentWhere(e)} />,
  <DateField key="next" source="next_run_at" label="Next run" showTime locales="en-IN" emptyText="—" />,
  <DateField key="enrolled" source="enrolled_at" label="Enrolled" showTime locales="en-IN" />,
];
