import type { ReactNode } from "react";
import Box from "@mui/material/Box";
import PeopleIcon from "@mui/icons-material/PeopleAltOutlined";
import GroupAddIcon from "@mui/icons-material/GroupAddOutlined";
import VerifiedIcon from "@mui/icons-material/VerifiedOutlined";
import EmojiEventsIcon from "@mui/icons-material/EmojiEventsOutlined";
import PercentIcon from "@mui/icons-material/PercentOutlined";
import BusinessIcon from "@mui/icons-material/BusinessOutlined";
import BookingIcon from "@mui/icons-material/EventAvailableOutlined";
import MoneyIcon from "@mui/icons-material/CurrencyRupeeOutlined";
import BalanceIcon from "@mui/icons-material/AccountBalanceWalletOutlined";
import ForumIcon from "@mui/icons-material/ForumOutlined";
import FollowUpIcon from "@mui/icons-material/PendingActionsOutlined";
import { Link as RouterLink } from "react-router-dom";
import { KpiCard } from "../dashboard/KpiCard.tsx";
import { formatNumber, formatPercent } from "./moneyModel.ts";
import { KPIS, type KpiDef, kpiLink, kpiValue, linkPath } from "./reportsModel.ts";
import { useMoney } from "./useMoney.ts";

const ICONS: Record<string, ReactNode> = {
  total_leads: <PeopleIcon />,
  new_leads: <GroupAddIcon />,
  qualified_leads: <VerifiedIcon />,
  converted_leads: <EmojiEventsIcon />,
  conversion_rate: <PercentIcon />,
  active_customers: <BusinessIcon />,
  total_bookings: <BookingIcon />,
  booked_amount: <MoneyIcon />,
  outstanding_balance: <BalanceIcon />,
  engagement_this_month: <ForumIcon />,
  pending_follow_ups: <FollowUpIcon />,
};
/** The tiles the dashboard had before keep their test ids. */
const TEST_IDS: Record<string, string> = {
  total_leads: "kpi-total",
  new_leads: "kpi-new",
  qualified_leads: "kpi-qualified",
  converted_leads: "kpi-converted",
};

/** The dashboard's KPI tiles, each a link to the records behind its number (the API's link, or the list). */
export function DashboardKpis({ data, extra }: { data: unknown; extra?: ReactNode }) {
  const settings = useMoney();
  const show = (def: KpiDef) => {
    const v = kpiValue(data, def.key);
    if (!data) return "…";
    if (v === null) return "—";
    if (def.format === "rate") return formatPercent(v);
    if (def.format === "money") return settings.short(v, true);
    return formatNumber(v, settings, 0);
  };
  const hint = (def: KpiDef) => (def.format === "money" && data ? settings.money(kpiValue(data, def.key)) : undefined);
  return (
    <Box
      sx={{
        display: "grid",
        gap: 2,
        gridTemplateColumns: { xs: "1fr 1fr", md: "repeat(3, 1fr)", lg: "repeat(4, 1fr)", xl: "repeat(6, 1fr)" },
        mb: 2,
      }}
      data-testid="dashboard-kpis"
    >
      {KPIS.map((def) => (
        <Box
          key={def.key}
          component={RouterLink}
          to={linkPath(kpiLink(data, def))}
          className={`kpi-link kpi-link-${def.key}`}
          data-kpi={def.key}
          sx={{
            textDecoration: "none",
            color: "inherit",
            borderRadius: 2,
            "& > .MuiCard-root": { height: "100%", transition: "border-color .15s" },
            "&:hover > .MuiCard-root": { borderColor: "primary.main" },
          }}
        >
          <KpiCard
            label={def.label}
            value={show(def)}
            hint={hint(def)}
            icon={ICONS[def.key]}
            tone={def.tone}
            testId={TEST_IDS[def.key] ?? `kpi-${def.key}`}
          />
        </Box>
      ))}
      {extra}
    </Box>
  );
}
