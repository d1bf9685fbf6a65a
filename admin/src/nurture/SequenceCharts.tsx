import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TONES } from "../components/toneModel.ts";
import { type SequenceStats, fillDaily, funnelRows } from "./statsModel.ts";

const SERIES = [
  { key: "sent", name: "Sent", color: TONES.teal.solid },
  { key: "opened", name: "Opened", color: TONES.green.solid },
  { key: "clicked", name: "Clicked", color: TONES.blue.solid },
  { key: "replied", name: "Replied", color: TONES.violet.solid },
] as const;

const axis = { tick: { fontSize: 12, fill: "#64748b" }, tickLine: false, axisLine: false } as const;

// recharts is heavy: this file is loaded lazily by the stats card, like the dashboard's charts.
export default function SequenceCharts({
  stats,
  from,
  to,
  sequenceSteps,
}: {
  stats: SequenceStats;
  from: string;
  to: string;
  sequenceSteps: readonly { type: string }[];
}) {
  const daily = fillDaily(stats.daily ?? [], from, to);
  const funnel = funnelRows(stats.steps ?? [], sequenceSteps);
  return (
    <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "3fr 2fr" } }}>
      <Box>
        <Typography variant="overline" color="text.secondary" component="h3">
          Per day
        </Typography>
        <Box sx={{ height: 260 }} data-testid="sequence-daily-chart">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={daily} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
              <XAxis dataKey="label" {...axis} interval="preserveStartEnd" />
              <YAxis allowDecimals={false} {...axis} />
              <Tooltip />
              <Legend />
              {SERIES.map((s) => (
                <Line
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.name}
                  stroke={s.color}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </Box>
      </Box>
      <Box>
        <Typography variant="overline" color="text.secondary" component="h3">
          Per email step
        </Typography>
        <Box sx={{ height: 260 }} data-testid="sequence-funnel-chart">
          {funnel.length === 0 ? (
            <Box sx={{ color: "text.secondary", pt: 4, textAlign: "center" }}>No email steps</Box>
          ) : (
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={funnel} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
                <XAxis dataKey="label" {...axis} />
                <YAxis allowDecimals={false} {...axis} />
                <Tooltip cursor={{ fill: "#f1f5f9" }} />
                <Legend />
                {SERIES.map((s) => (
                  <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} radius={[3, 3, 0, 0]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          )}
        </Box>
      </Box>
    </Box>
  );
}
