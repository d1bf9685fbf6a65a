import { Create } from "react-admin";
import { LeadForm } from "./LeadForm.tsx";
import { leadFormToPayload } from "./leadFields.ts";

// Leads typed in by hand (walk-ins, phone enquiries) start as new, medium priority, in rupees.
export function LeadCreate() {
  return (
    <Create
      title="New lead"
      redirect="show"
      transform={leadFormToPayload}
      record={{ status: "new", priority: "medium", budget_currency: "INR", country: "India", custom_fields: {} }}
    >
      <LeadForm />
    </Create>
  );
}
