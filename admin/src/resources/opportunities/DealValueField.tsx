import Typography from "@mui/material/Typography";
import { useRecordContext } from "react-admin";
import { formatBudget } from "../leads/leadModel.ts";
import type { Opportunity } from "./opportunityModel.ts";

export function DealValueField(_: { label?: string; sortBy?: string }) {
  const deal = useRecordContext<Opportunity>();
  if (!deal) return null;
  return (
    <Typography variant="body2" component="span" sx={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
      {formatBudget(deal.value, deal.currency)}
    </Typography>
  );
}
