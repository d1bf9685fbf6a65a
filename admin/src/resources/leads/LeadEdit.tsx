import { Edit, ShowButton, TopToolbar, useRecordContext } from "react-admin";
import { LeadForm } from "./LeadForm.tsx";
import { leadFormToPayload } from "./leadFields.ts";
import { type Lead, leadDisplayName } from "./leadModel.ts";

function EditTitle() {
  const lead = useRecordContext<Lead>();
  return <span>Edit {lead ? leadDisplayName(lead) : "lead"}</span>;
}

export function LeadEdit() {
  return (
    <Edit
      title={<EditTitle />}
      mutationMode="pessimistic"
      redirect="show"
      transform={leadFormToPayload}
      actions={
        <TopToolbar>
          <ShowButton />
        </TopToolbar>
      }
    >
      <LeadForm />
    </Edit>
  );
}
