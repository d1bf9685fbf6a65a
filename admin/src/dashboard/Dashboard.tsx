import { Suspense, lazy } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import LinearProgress from "@mui/material/LinearProgress";
import Skeleton from "@mui/material/Skeleton";
import Typography from "@mui/material/Typography";
import InboxIcon from "@mui/icons-material/MoveToInboxOutlined";
import { useQuery } from "@tanstack/react-query";
import { Title, useDataProvider, useGetIdentity } from "react-admin";
import { SectionCard } from "../components/SectionCard.tsx";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import { KpiCard } from "./KpiCard.tsx";
import { StatusFunnel } from "./StatusFunnel.tsx";
import { formatCount } from "./dashboardModel.ts";
import { DashboardKpis } from "../journey/DashboardKpis.tsx";

const DashboardCharts = lazy(() => import("./DashboardCharts.tsx"));

export function Dashboard() {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const { identity } = useGetIdentity();
  const { data, error, isPending } = useQuery({
    queryKey: ["reports", "dashboard"],
    queryFn: () => dataProvider.getDashboard(),
    refetchInterval: 30_000,
  });

  return (
    <Box sx={{ py: 2 }} data-testid="dashboard">
      <Title title="Dashboard" />
      <Typography variant="h5" component="h1" sx={{ mb: 0.5 }}>
        {greeting()}
        {identity?.fullName ? `, ${String(identity.fullName).split(" ")[0]}` : ""}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Today's pipeline at a glance
      </Typography>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          Could not load the dashboard: {(error as Error).message}
        </Alert>
      )}
      {isPending && <LinearProgress sx={{ mb: 2 }} />}
      <DashboardKpis
        data={data}
        extra={
          <KpiCard
            label="Inbound today"
            value={data ? formatCount(data.inbound_today?.received) : "…"}
            hint={
              data ? `${formatCount(data.inbound_today?.done)} processed · ${formatCount(data.inbound_today?.failed)} failed` : undefined
            }
            icon={<InboxIcon />}
            tone={data && Number(data.inbound_today?.failed) > 0 ? "red" : "amber"}
            testId="kpi-inbound"
          />
        }
      />
      {data && (
        <Box sx={{ display: "grid", gap: 2 }}>
          <Suspense fallback={<Skeleton variant="rounded" height={320} />}>
            <DashboardCharts data={data} />
          </Suspense>
          <SectionCard title="Leads by status">
            <StatusFunnel rows={data.by_status} />
          </SectionCard>
        </Box>
      )}
    </Box>
  );
}

function greeting(): string {
  const hour = new Date().getHours();
  return hour < 12 ? "Good morning" : hour < 17 ? "Good afternoon" : "Good evening";
}
