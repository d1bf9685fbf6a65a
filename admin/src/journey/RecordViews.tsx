import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import {
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  Create,
  Datagrid,
  DateInput,
  Edit,
  EditButton,
  FunctionField,
  List,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  ListButton,
  required,
  useGetOne,
} from "react-admin";
import { useWatch } from "react-hook-form";
import { ListActions } from "../components/ListActions.tsx";
import { ChoiceChip } from "./ChoiceChip.tsx";
import { InventoryBar } from "./InventoryBar.tsx";
import { MoneyField } from "./MoneyField.tsx";
import {
  BOOKING_STATUSES,
  CAMPAIGN_STATUSES,
  CAMPAIGN_TYPES,
  SOURCE_CHANNELS,
  type UnitInventory,
  bookingUnitsError,
  inventoryLabel,
  suggestedAmount,
} from "./ledgerModel.ts";
import { useMoney } from "./useMoney.ts";
import { TenantDateField } from "../components/TenantDateField.tsx";

const choices = (ids: readonly string[]) => ids.map((id) => ({ id, name: id.charAt(0).toUpperCase() + id.slice(1).replace(/_/g, " ") }));
const half = { sx: { width: { xs: "100%", md: "calc(50% - 8px)" } } } as const;
const row = { sx: { display: "flex", gap: 2, flexWrap: "wrap", width: "100%" } } as const;
const day = (v: unknown) => (v == null || v === "" ? null : String(v).slice(0, 10));
/** Only what a person edits goes back (the API ignores the rest, but dates come back as timestamps). */
const pick =
  (keys: readonly string[], dates: readonly string[] = []) =>
  (data: Record<string, unknown>) =>
    Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, dates.includes(k) ? day(data[k]) : data[k] === "" ? null : data[k]]));

// ---- unit inventory ----

const UNIT_FIELDS = ["project", "unit_type", "units_total", "unit_price", "currency"];

export function InventoryList() {
  return (
    <List
      actions={<ListActions />}
      sort={{ field: "project", order: "ASC" }}
      filters={[<TextInput key="q" source="q" label="Search" alwaysOn />]}
    >
      <Datagrid rowClick="edit" bulkActionButtons={false} data-testid="inventory-list">
        <TextField source="project" />
        <TextField source="unit_type" label="Unit type" />
        <NumberField source="units_total" label="Total" />
        <NumberField source="units_booked" label="Booked" />
        <NumberField source="units_available" label="Available" />
        <FunctionField label="Booked vs available" render={(u: UnitInventory) => <InventoryBar unit={u} />} />
        <MoneyField source="unit_price" label="Unit price" />
      </Datagrid>
    </List>
  );
}

function UnitInputs() {
  return (
    <>
      <Box {...row}>
        <TextInput source="project" validate={required()} {...half} />
        <TextInput source="unit_type" label="Unit type" validate={required()} helperText="e.g. 2BHK, Plot 1200 sq ft" {...half} />
      </Box>
      <Box {...row}>
        <NumberInput source="units_total" label="Units in total" validate={required()} min={0} step={1} {...half} />
        <NumberInput source="unit_price" label="Price per unit" min={0} {...half} />
      </Box>
      <TextInput source="currency" {...half} />
    </>
  );
}

export function InventoryCreate() {
  return (
    <Create redirect="list" title="New inventory" record={{ currency: "INR" }} transform={pick(UNIT_FIELDS)}>
      <SimpleForm>
        <UnitInputs />
      </SimpleForm>
    </Create>
  );
}

export function InventoryEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={pick(UNIT_FIELDS)}>
      <SimpleForm>
        <UnitInputs />
        <InventoryBar />
      </SimpleForm>
    </Edit>
  );
}

// ---- bookings ----

export function BookingList() {
  return (
    <List
      actions={<ListActions />}
      sort={{ field: "booked_at", order: "DESC" }}
      filters={[
        <SelectInput key="status" source="status" choices={[...BOOKING_STATUSES]} alwaysOn />,
        <ReferenceInput key="unit" source="unit_inventory_id" reference="unit_inventory" alwaysOn>
          <SelectInput optionText={inventoryLabel} label="Inventory" />
        </ReferenceInput>,
      ]}
    >
      <Datagrid rowClick="show" bulkActionButtons={false} data-testid="booking-list">
        <TenantDateField source="booked_at" label="Booked" />
        <ReferenceField source="lead_id" reference="leads" emptyText="—" />
        <ReferenceField source="account_id" reference="accounts" emptyText="—" />
        <ReferenceField source="unit_inventory_id" reference="unit_inventory" label="Unit" link={false}>
          <FunctionField render={(u: UnitInventory) => `${u.project} · ${u.unit_type}`} />
        </ReferenceField>
        <NumberField source="units" />
        <MoneyField source="amount" />
        <ChoiceChip source="status" choices={BOOKING_STATUSES} />
      </Datagrid>
    </List>
  );
}

/** The picked unit: what is free, and the amount units × price would come to. */
function UnitPreview() {
  const unitId = useWatch({ name: "unit_inventory_id" }) as string | undefined;
  const units = useWatch({ name: "units" }) as unknown;
  const { money } = useMoney();
  const { data: unit } = useGetOne<UnitInventory & { id: string }>("unit_inventory", { id: unitId ?? "" }, { enabled: Boolean(unitId) });
  if (!unit) return null;
  const suggested = suggestedAmount(unit, units);
  const problem = bookingUnitsError(unit, units);
  return (
    <Box sx={{ mb: 2, width: "100%", maxWidth: 520 }} data-testid="unit-preview">
      <InventoryBar unit={unit} />
      <Typography variant="caption" color={problem ? "error" : "text.secondary"} component="div">
        {problem ??
          (suggested !== null ? `Amount when left empty: ${money(suggested, unit.currency)}` : "The unit has no price: give the amount")}
      </Typography>
    </Box>
  );
}

const BOOKING_CREATE = [
  "lead_id",
  "account_id",
  "unit_inventory_id",
  "units",
  "amount",
  "currency",
  "status",
  "booked_at",
  "delivery_date",
  "notes",
  "document_ref",
];

export function BookingCreate() {
  return (
    <Create
      redirect="show"
      title="New booking"
      record={{ units: 1, status: "confirmed" }}
      transform={(d: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(pick(BOOKING_CREATE, ["delivery_date"])(d)).filter(([, v]) => v !== null && v !== undefined))
      }
    >
      <SimpleForm>
        <Box {...row}>
          <ReferenceInput source="lead_id" reference="leads">
            <AutocompleteInput label="Lead" filterToQuery={(q: string) => ({ q })} {...half} />
          </ReferenceInput>
          <ReferenceInput source="account_id" reference="accounts">
            <AutocompleteInput label="or account" filterToQuery={(q: string) => ({ q })} {...half} />
          </ReferenceInput>
        </Box>
        <ReferenceInput
          source="unit_inventory_id"
          reference="unit_inventory"
          filter={{ units_available_gt: 0 }}
          sort={{ field: "project", order: "ASC" }}
          perPage={200}
        >
          <SelectInput
            optionText={inventoryLabel}
            label="Inventory (units available)"
            validate={required()}
            sx={{ width: { xs: "100%", md: 520 } }}
          />
        </ReferenceInput>
        <UnitPreview />
        <Box {...row}>
          <NumberInput source="units" validate={required()} min={1} step={1} {...half} />
          <NumberInput source="amount" helperText="Units × unit price when empty" {...half} />
        </Box>
        <Box {...row}>
          <SelectInput source="status" choices={BOOKING_STATUSES.filter((s) => s.id !== "cancelled")} {...half} />
          <DateInput source="delivery_date" label="Delivery" {...half} />
        </Box>
        <TextInput source="document_ref" label="Invoice reference" {...half} />
        <TextInput source="notes" multiline fullWidth />
      </SimpleForm>
    </Create>
  );
}

const BOOKING_UPDATE = ["status", "delivery_date", "cancellation_reason", "refund_amount", "notes"];

export function BookingEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show" transform={pick(BOOKING_UPDATE, ["delivery_date"])}>
      <SimpleForm>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          A booking's units and amount do not change: cancel it (its units go back, a credit note reverses its invoice) and book again.
        </Typography>
        <Box {...row}>
          <SelectInput source="status" choices={[...BOOKING_STATUSES]} {...half} />
          <DateInput source="delivery_date" label="Delivery" {...half} />
        </Box>
        <Box {...row}>
          <TextInput source="cancellation_reason" label="Cancellation reason" {...half} />
          <NumberInput source="refund_amount" label="Refund" {...half} />
        </Box>
        <TextInput source="notes" multiline fullWidth />
      </SimpleForm>
    </Edit>
  );
}

export function BookingShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <ListButton label="All bookings" />
          <EditButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <ChoiceChip source="status" choices={BOOKING_STATUSES} label="Status" />
        <ReferenceField source="lead_id" reference="leads" emptyText="—" />
        <ReferenceField source="account_id" reference="accounts" emptyText="—" />
        <ReferenceField source="unit_inventory_id" reference="unit_inventory" label="Unit" link="edit">
          <FunctionField render={(u: UnitInventory) => `${u.project} · ${u.unit_type}`} />
        </ReferenceField>
        <ReferenceField source="unit_inventory_id" reference="unit_inventory" label="Inventory now" link={false}>
          <InventoryBar />
        </ReferenceField>
        <NumberField source="units" />
        <MoneyField source="amount" label="Amount" />
        <TenantDateField source="booked_at" showTime />
        <TenantDateField source="delivery_date" emptyText="—" />
        <TenantDateField source="cancelled_at" showTime emptyText="—" />
        <TextField source="cancellation_reason" emptyText="—" />
        <MoneyField source="refund_amount" label="Refund" />
        <TextField source="notes" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}

// ---- campaigns ----

const CAMPAIGN_FIELDS = [
  "name",
  "code",
  "type",
  "status",
  "lead_source_id",
  "budget",
  "actual_cost",
  "currency",
  "start_date",
  "end_date",
  "expected_roi",
  "description",
];

export function CampaignList() {
  return (
    <List
      actions={<ListActions />}
      sort={{ field: "created_at", order: "DESC" }}
      filters={[
        <TextInput key="q" source="q" label="Search" alwaysOn />,
        <SelectInput key="status" source="status" choices={[...CAMPAIGN_STATUSES]} />,
      ]}
    >
      <Datagrid rowClick="edit" bulkActionButtons={false} data-testid="campaign-list">
        <TextField source="name" />
        <TextField source="code" />
        <TextField source="type" />
        <ChoiceChip source="status" choices={CAMPAIGN_STATUSES} />
        <ReferenceField source="lead_source_id" reference="lead_sources" label="Source" emptyText="—" />
        <MoneyField source="budget" />
        <MoneyField source="actual_cost" label="Spent" />
        <TenantDateField source="start_date" label="Starts" emptyText="—" />
        <TenantDateField source="end_date" label="Ends" emptyText="—" />
      </Datagrid>
    </List>
  );
}

function CampaignInputs() {
  return (
    <>
      <Box {...row}>
        <TextInput source="name" validate={required()} {...half} />
        <TextInput source="code" validate={required()} helperText="Matches the leads' campaign (UTM campaign), case-blind" {...half} />
      </Box>
      <Box {...row}>
        <SelectInput source="type" choices={choices(CAMPAIGN_TYPES)} {...half} />
        <SelectInput source="status" choices={[...CAMPAIGN_STATUSES]} {...half} />
      </Box>
      <ReferenceInput source="lead_source_id" reference="lead_sources">
        <SelectInput label="Lead source" emptyText="—" {...half} />
      </ReferenceInput>
      <Box {...row}>
        <NumberInput source="budget" {...half} />
        <NumberInput source="actual_cost" label="Actual cost" {...half} />
      </Box>
      <Box {...row}>
        <DateInput source="start_date" {...half} />
        <DateInput source="end_date" {...half} />
      </Box>
      <Box {...row}>
        <NumberInput source="expected_roi" label="Expected ROI (ratio, 2.5 = 250%)" {...half} />
        <TextInput source="currency" {...half} />
      </Box>
      <TextInput source="description" multiline fullWidth />
    </>
  );
}

export function CampaignCreate() {
  return (
    <Create
      redirect="list"
      title="New campaign"
      record={{ type: "other", status: "planned", currency: "INR" }}
      transform={pick(CAMPAIGN_FIELDS, ["start_date", "end_date"])}
    >
      <SimpleForm>
        <CampaignInputs />
      </SimpleForm>
    </Create>
  );
}

export function CampaignEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={pick(CAMPAIGN_FIELDS, ["start_date", "end_date"])}>
      <SimpleForm>
        <CampaignInputs />
      </SimpleForm>
    </Edit>
  );
}

// ---- lead sources ----

const SOURCE_FIELDS = ["name", "subsource", "channel", "monthly_cost", "currency", "is_active", "description"];

export function LeadSourceList() {
  return (
    <List
      actions={<ListActions />}
      sort={{ field: "name", order: "ASC" }}
      filters={[<TextInput key="q" source="q" label="Search" alwaysOn />]}
    >
      <Datagrid rowClick="edit" bulkActionButtons={false} data-testid="lead-source-list">
        <TextField source="name" />
        <TextField source="subsource" emptyText="—" />
        <TextField source="channel" emptyText="—" />
        <MoneyField source="monthly_cost" label="Monthly cost" />
        <BooleanField source="is_active" label="Active" />
      </Datagrid>
    </List>
  );
}

function SourceInputs() {
  return (
    <>
      <Box {...row}>
        <TextInput source="name" validate={required()} helperText="Matches the leads' source" {...half} />
        <TextInput source="subsource" helperText="Matches the leads' subsource (optional)" {...half} />
      </Box>
      <Box {...row}>
        <SelectInput source="channel" choices={choices(SOURCE_CHANNELS)} emptyText="—" {...half} />
        <NumberInput source="monthly_cost" label="Monthly cost" {...half} />
      </Box>
      <TextInput source="currency" {...half} />
      <BooleanInput source="is_active" label="Active" />
      <TextInput source="description" multiline fullWidth />
    </>
  );
}

export function LeadSourceCreate() {
  return (
    <Create redirect="list" title="New lead source" record={{ is_active: true, currency: "INR" }} transform={pick(SOURCE_FIELDS)}>
      <SimpleForm>
        <SourceInputs />
      </SimpleForm>
    </Create>
  );
}

export function LeadSourceEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={pick(SOURCE_FIELDS)}>
      <SimpleForm>
        <SourceInputs />
      </SimpleForm>
    </Edit>
  );
}

// ---- engagements (the dashboard's "engagements this month" lands here) ----

export function EngagementList() {
  return (
    <List sort={{ field: "occurred_at", order: "DESC" }} filters={[<TextInput key="q" source="q" label="Search" alwaysOn />]}>
      <Datagrid rowClick={false} bulkActionButtons={false} data-testid="engagement-list">
        <TenantDateField source="occurred_at" label="When" showTime />
        <ReferenceField source="lead_id" reference="leads" />
        <TextField source="type" />
        <TextField source="channel" emptyText="—" />
        <TextField source="subject" emptyText="—" />
        <BooleanField source="response_received" label="Responded" />
      </Datagrid>
    </List>
  );
}
