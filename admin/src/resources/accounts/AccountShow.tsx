import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import {
  Datagrid,
  EditButton,
  ListButton,
  Pagination,
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
import { ContactNameField } from "../contacts/ContactNameField.tsx";
import { DealValueField } from "../opportunities/DealValueField.tsx";
import { StatusField } from "../opportunities/StatusField.tsx";
import { RecordTasks } from "../tasks/RecordTasks.tsx";
import { AccountHeader } from "./AccountHeader.tsx";
import { AccountLedgerButton } from "../../journey/LedgerStatementPage.tsx";
import type { Account } from "./accountModel.ts";

const none = (what: string) => (
  <Typography variant="body2" color="text.secondary">
    No {what} yet.
  </Typography>
);

function AccountTitle() {
  const account = useRecordContext<Account>();
  return <span>{account?.name ?? "Account"}</span>;
}

/** An account with everything hanging off it: its people, its deals, the tasks and the timeline. */
export function AccountShow() {
  return (
    <Show
      title={<AccountTitle />}
      component="div"
      actions={
        <TopToolbar>
          <AccountLedgerButton />
          <ListButton label="All accounts" />
          <EditButton />
        </TopToolbar>
      }
    >
      <Box sx={{ display: "flex", flexDirection: "column", gap: 2, pb: 3 }}>
        <AccountHeader />
        <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "minmax(0, 7fr) minmax(0, 5fr)" }, alignItems: "start" }}>
          <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
            <SectionCard title="Contacts" id="account-contacts">
              <ReferenceManyField
                reference="contacts"
                target="account_id"
                sort={{ field: "created_at", order: "ASC" }}
                perPage={25}
                pagination={<Pagination rowsPerPageOptions={[25]} />}
                empty={none("contacts")}
              >
                <Datagrid rowClick="show" bulkActionButtons={false}>
                  <ContactNameField label="Name" />
                  <TextField source="job_title" label="Title" />
                  <TextField source="email" />
                  <TextField source="phone" />
                </Datagrid>
              </ReferenceManyField>
            </SectionCard>
            <SectionCard title="Deals" id="account-deals">
              <ReferenceManyField
                reference="opportunities"
                target="account_id"
                sort={{ field: "created_at", order: "DESC" }}
                perPage={10}
                pagination={<Pagination rowsPerPageOptions={[10, 25]} />}
                empty={none("deals")}
              >
                <Datagrid rowClick="show" bulkActionButtons={false}>
                  <TextField source="name" />
                  <ReferenceField source="stage_id" reference="pipeline_stages" link={false} label="Stage" />
                  <DealValueField label="Value" />
                  <StatusField label="Status" />
                  <ReferenceField source="owner_id" reference="users" link={false} label="Owner" emptyText="—" />
                </Datagrid>
              </ReferenceManyField>
            </SectionCard>
          </Box>
          <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
            <CustomFieldValues recordType="account" />
            <RecordTasks recordType="account" />
            <RecordTimeline recordType="account" />
          </Box>
        </Box>
      </Box>
    </Show>
  );
}
