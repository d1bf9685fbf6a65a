import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { EditButton, ListButton, ReferenceField, Show, TopToolbar, useRecordContext } from "react-admin";
import { RecordTimeline } from "../../components/RecordTimeline.tsx";
import { CustomFieldValues } from "../../components/CustomFieldValues.tsx";
import { ToneChip } from "../../components/ToneChip.tsx";
import { labelOf } from "../../components/toneModel.ts";
import { formatBudget } from "../leads/leadModel.ts";
import { RecordTasks } from "../tasks/RecordTasks.tsx";
import { FORECAST_CATEGORIES, OPPORTUNITY_STATUSES, type Opportunity, formatDay } from "./opportunityModel.ts";
import { StageMoves } from "./StageMoves.tsx";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </>
  );
}

function DealHeader() {
  const deal = useRecordContext<Opportunity>();
  if (!deal) return null;
  const status = OPPORTUNITY_STATUSES.find((s) => s.id === deal.status);
  return (
    <Card variant="outlined" sx={{ p: 2.5, borderRadius: 2 }} data-testid="deal-header">
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap", rowGap: 0.5 }}>
        <Typography variant="h5" component="h1" className="deal-title">
          {deal.name}
        </Typography>
        <ToneChip label={status?.name ?? deal.status} tone={status?.tone ?? "grey"} />
        <Typography variant="h6" component="span" sx={{ ml: "auto !important", fontVariantNumeric: "tabular-nums" }} className="deal-value">
          {formatBudget(deal.value, deal.currency)}
        </Typography>
      </Stack>
      <Box sx={{ my: 1.5 }}>
        <StageMoves />
      </Box>
      <Box
        sx={{
          display: "grid",
          gridTemplateColumns: { xs: "auto 1fr", md: "auto 1fr auto 1fr auto 1fr" },
          columnGap: 2,
          rowGap: 0.5,
          alignItems: "baseline",
        }}
      >
        <Fact label="Account">{deal.account_id ? <ReferenceField source="account_id" reference="accounts" link="show" /> : "—"}</Fact>
        <Fact label="Contact">
          {deal.primary_contact_id ? <ReferenceField source="primary_contact_id" reference="contacts" link="show" /> : "—"}
        </Fact>
        <Fact label="Owner">{deal.owner_id ? <ReferenceField source="owner_id" reference="users" link={false} /> : "Unassigned"}</Fact>
        <Fact label="Probability">{deal.probability}%</Fact>
        <Fact label="Forecast">{labelOf(FORECAST_CATEGORIES, deal.forecast_category)}</Fact>
        <Fact label="Expected close">{formatDay(deal.expected_close) || "—"}</Fact>
        {deal.lead_id && (
          <Fact label="From lead">
            <ReferenceField source="lead_id" reference="leads" link="show" />
          </Fact>
        )}
        {deal.actual_close && <Fact label="Closed">{formatDay(deal.actual_close)}</Fact>}
        {deal.loss_reason && <Fact label="Loss reason">{deal.loss_reason}</Fact>}
      </Box>
    </Card>
  );
}

function DealTitle() {
  const deal = useRecordContext<Opportunity>();
  return <span>{deal?.name ?? "Deal"}</span>;
}

export function OpportunityShow() {
  return (
    <Show
      title={<DealTitle />}
      component="div"
      actions={
        <TopToolbar>
          <ListButton label="All deals" />
          <EditButton />
        </TopToolbar>
      }
    >
      <Box sx={{ display: "flex", flexDirection: "column", gap: 2, pb: 3 }}>
        <DealHeader />
        <CustomFieldValues recordType="opportunity" />
        <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "1fr 1fr" }, alignItems: "start" }}>
          <RecordTasks recordType="opportunity" />
          <RecordTimeline recordType="opportunity" />
        </Box>
      </Box>
    </Show>
  );
}
