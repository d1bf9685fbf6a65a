import Box from "@mui/material/Box";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TONES } from "../../components/toneModel.ts";
import { FUNNEL_STAGES, type FunnelMonth } from "../reportsModel.ts";

const axis = { tick: { fontSize: 12, fill: "#64748b" }, tickLine: false, axisLine: false } as const;
const STAGE_COLORS: Record<string, string> = {
  new: TONES.blue.solid,
  contacted: TONES.indigo.solid,
  qualified: TONES.teal.solid,
  negotiation: TONES.amber.solid,
  converted: TONES.green.solid,
  lost: TONES.red.solid,
};

export interface BarSeries {
  key: string;
  name: string;
  color: string;
  stack?: string;
}

export type ChartProps =
  | { kind: "funnel"; months: FunnelMonth[] }
  | {
      kind: "bars";
      rows: Record<string, unknown>[];
      x: string;
      series: BarSeries[];
      horizontal?: boolean;
      format?: (v: number) => string;
      testId: string;
      height?: number;
    };

// recharts is heavy: the report pages load this file lazily, like the dashboard's charts.
export default function ReportChart(props: ChartProps) {
  if (props.kind === "funnel") {
    return (
      <Box sx={{ height: 320 }} data-testid="funnel-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={props.months} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" {...axis} />
            <YAxis allowDecimals={false} {...axis} />
            <Tooltip cursor={{ fill: "#f1f5f9" }} />
            {/* recharts 3 sorts legend entries by name unless told not to: keep the funnel's own order. */}
            <Legend itemSorter={null} />
            {FUNNEL_STAGES.map((s) => (
              <Bar
                key={s}
                dataKey={s}
                name={s.charAt(0).toUpperCase() + s.slice(1)}
                fill={STAGE_COLORS[s]}
                radius={[3, 3, 0, 0]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </Box>
    );
  }
  const { rows, x, series, horizontal, format, testId, height = 300 } = props;
  const tick = format ? (v: number) => format(v) : undefined;
  return (
    <Box sx={{ height }} data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={rows}
          layout={horizontal ? "vertical" : "horizontal"}
          margin={{ top: 8, right: 16, bottom: 0, left: horizontal ? 16 : 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={Boolean(horizontal)} horizontal={!horizontal} stroke="#e2e8f0" />
          {horizontal ? (
            <>
              <XAxis type="number" {...axis} tickFormatter={tick} />
              <YAxis type="category" dataKey={x} width={140} {...axis} />
            </>
          ) : (
            <>
              <XAxis dataKey={x} {...axis} />
              <YAxis {...axis} tickFormatter={tick} width={70} />
            </>
          )}
          <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={format ? (v) => format(Number(v)) : undefined} />
          <Legend itemSorter={null} />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              fill={s.color}
              stackId={s.stack}
              radius={s.stack ? 0 : horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}
