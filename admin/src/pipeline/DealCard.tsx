import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import Typography from "@mui/material/Typography";
import LockOutlined from "@mui/icons-material/LockOutlined";
import { Link } from "react-router-dom";
import { RecordContextProvider, ReferenceField, TextField } from "react-admin";
import { formatBudget } from "../resources/leads/leadModel.ts";
import { useTenantLocale } from "../components/TenantDateField.tsx";
import { formatDay } from "../resources/opportunities/opportunityModel.ts";
import type { Opportunity } from "../resources/opportunities/opportunityModel.ts";

/**
 * A deal on the board: what a rep reads at a glance (name, account, value, owner, close date), and the
 * open required tasks of its stage, which the API would name when refusing its next move.
 */
export function DealCard({ deal, blockedBy }: { deal: Opportunity; blockedBy?: readonly string[] }) {
  const locale = useTenantLocale();
  return (
    <RecordContextProvider value={deal}>
      <Card variant="outlined" sx={{ p: 1.25, borderRadius: 1.5 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }} className="deal-name">
          <Link to={`/opportunities/${deal.id}/show`} style={{ color: "inherit" }} draggable={false}>
            {deal.name}
          </Link>
        </Typography>
        {deal.account_id && (
          <Typography variant="caption" color="text.secondary" component="div" noWrap>
            <ReferenceField source="account_id" reference="accounts" link={false}>
              <TextField source="name" variant="caption" />
            </ReferenceField>
          </Typography>
        )}
        <Box sx={{ display: "flex", justifyContent: "space-between", alignItems: "baseline", mt: 0.75, gap: 1 }}>
          <Typography variant="body2" sx={{ fontVariantNumeric: "tabular-nums" }} className="deal-value">
            {formatBudget(deal.value, deal.currency)}
          </Typography>
          <Typography variant="caption" color="text.secondary" title="Expected close">
            {formatDay(deal.expected_close, locale)}
          </Typography>
        </Box>
        <Typography variant="caption" color="text.secondary" component="div" noWrap>
          {deal.owner_id ? <ReferenceField source="owner_id" reference="users" link={false} /> : "Unassigned"}
        </Typography>
        {blockedBy && blockedBy.length > 0 && (
          <Box
            className="deal-blockers"
            title="Required before the next stage: tick these done on the deal's page"
            sx={{ mt: 0.75, display: "flex", alignItems: "flex-start", gap: 0.5, color: "#b45309" }}
          >
            <LockOutlined sx={{ fontSize: 14, mt: "2px" }} aria-hidden />
            <Typography variant="caption" component="div" sx={{ lineHeight: 1.35 }}>
              To do first: {blockedBy.join(", ")}
            </Typography>
          </Box>
        )}
      </Card>
    </RecordContextProvider>
  );
}
