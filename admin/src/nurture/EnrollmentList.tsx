import { Datagrid, List, ReferenceInput, SelectInput } from "react-admin";
import { LeadLinkField, SequenceLinkField, enrollmentStatusColumns } from "./EnrollmentFields.tsx";
import { StopEnrollmentButton } from "./StopEnrollmentButton.tsx";
import { MailBanner } from "./MailBanner.tsx";
import { ENROLLMENT_STATUSES, EXIT_REASONS } from "./enrollmentModel.ts";

const filters = [
  <SelectInput key="status" source="status" choices={[...ENROLLMENT_STATUSES]} alwaysOn />,
  <ReferenceInput key="sequence" source="sequence_id" reference="sequences" alwaysOn>
    <SelectInput label="Sequence" optionText="name" />
  </ReferenceInput>,
  <SelectInput key="exit" source="exit_reason" choices={[...EXIT_REASONS]} />,
];

/** Every lead in a sequence, across sequences; stop one from here. */
export function EnrollmentList() {
  return (
    <>
      <MailBanner sx={{ mt: 2, mb: 0 }} />
      <List title="Enrolments" sort={{ field: "enrolled_at", order: "DESC" }} filters={filters} exporter={false}>
        <Datagrid bulkActionButtons={false} rowClick={false} data-testid="enrollment-list">
          <LeadLinkField label="Lead" />
          <SequenceLinkField label="Sequence" />
          {enrollmentStatusColumns()}
          <StopEnrollmentButton />
        </Datagrid>
      </List>
    </>
  );
}
