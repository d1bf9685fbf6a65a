import { Suspense, lazy, useMemo, useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Skeleton from "@mui/material/Skeleton";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";
import EnrolledIcon from "@mui/icons-material/GroupAddOutlined";
import ActiveIcon from "@mui/icons-material/PlayCircleOutlined";
import SendIcon from "@mui/icons-material/SendOutlined";
import OpenedIcon from "@mui/icons-material/DraftsOutlined";
import ClickedIcon from "@mui/icons-material/AdsClickOutlined";
import RepliedIcon from "@mui/icons-material/ReplyOutlined";
import UnsubscribedIcon from "@mui/icons-material/UnsubscribeOutlined";
import ConvertedIcon from "@mui/icons-material/CheckCircleOutlined";
import { useQuery } from "@tanstack/react-query";
import { useDataProvider } from "react-admin";
import { SectionCard } from "../components/SectionCard.tsx";
import { labelOf } from "../components/toneModel.ts";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import { KpiCard } from "../dashboard/KpiCard.tsx";
import { EXIT_REASONS } from "./enrollmentModel.ts";
import { exitRows, kpis, statsRange } from "./statsModel.ts";

const SequenceCharts = lazy(() => import("./SequenceCharts.tsx"));
const RANGES = [7, 30, 90];
const ICONS: Record<string, ReactNode> = {
  enrolled: <EnrolledIcon />,
  active: <ActiveIcon />,
  sent: <SendIcon />,
  opened: <OpenedIcon />,
  clicked: <ClickedIcon />,
  replied: <RepliedIcon />,
  unsubscribed: <UnsubscribedIcon />,
  converted: <ConvertedIcon />,
};

/** How the sequence does: tiles, mail per day and per step, over the last 7, 30 or 90 days. */
export function SequenceStatsCard({ id, steps }: { id: string; steps: readonly { type: string }[] }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const [days, setDays] = useState(30);
  const range = useMemo(() => statsRange(days, new Date()), [days]);
  const { data, error, isPending } = useQuery({
    queryKey: ["sequences", id, "stats", range],
    queryFn: () => dataProvider.getSequenceStats(id, range),
  });
  const exits = exitRows(data?.exits);
  return (
    <SectionCard
      title="Performance"
      id="sequence-stats"
      action={
        <TextField
          select
          size="small"
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
          slotProps={{ select: { native: true }, htmlInput: { "aria-label": "Period" } }}
          sx={{ width: 170 }}
        >
          {RANGES.map((d) => (
            <option key={d} value={d}>
              Last {d} days
            </option>
          ))}
        </TextField>
      }
    >
      {error && <Alert severity="error">Could not load the stats: {(error as Error).message}</Alert>}
      {isPending && <Skeleton variant="rounded" height={200} />}
      {data && (
        <Box data-testid="sequence-kpis">
          <Box sx={{ display: "grid", gap: 1.5, gridTemplateColumns: { xs: "1fr 1fr", md: "repeat(4, 1fr)" }, mb: 2 }}>
            {kpis(data).map((k) => (
              <KpiCard
                key={k.key}
                label={k.label}
                value={k.value}
                hint={k.hint}
                tone={k.tone}
                icon={ICONS[k.key] ?? <SendIcon />}
                testId={`kpi-${k.key}`}
              />
            ))}
          </Box>
          {exits.length > 0 && (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }} className="sequence-exits">
              Left because: {exits.map((e) => `${labelOf(EXIT_REASONS, e.reason)} ${e.count}`).join(" · ")}
            </Typography>
          )}
          <Suspense fallback={<Skeleton variant="rounded" height={260} />}>
            <SequenceCharts stats={data} from={range.from} to={range.to} sequenceSteps={steps} />
          </Suspense>
        </Box>
      )}
    </SectionCard>
  );
}
