import { Create, Edit, ShowButton, TopToolbar } from "react-admin";
import { AccountForm } from "./AccountForm.tsx";

// Pessimistic: the API checks the GSTIN, and its 422 must reach the form before the page moves on.
export function AccountEdit() {
  return (
    <Edit
      mutationMode="pessimistic"
      redirect="show"
      actions={
        <TopToolbar>
          <ShowButton />
        </TopToolbar>
      }
    >
      <AccountForm />
    </Edit>
  );
}

export function AccountCreate() {
  return (
    <Create redirect="show" record={{ type: "prospect", currency: "INR", country: "India", is_active: true }}>
      <AccountForm />
    </Create>
  );
}
