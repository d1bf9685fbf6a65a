import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "../dashboard/dashboardModel.ts";
import { tenantDate } from "./TenantDateField.tsx";

// recharts stays out of the main bundle: the health panel loads this file lazily, like the dashboard charts.
export default function HourlyVolumeChart({ data }: { data: { hour: string; label: string; count: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} interval={2} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} />
        <Tooltip
          cursor={{ fill: "#f1f5f9" }}
          formatter={(v) => [formatCount(v), "Deliveries"]}
          labelFormatter={(_label, payload) => {
            const hour = payload?.[0]?.payload?.hour as string | undefined;
            return hour ? tenantDate(hour, { time: true }) : "";
          }}
        />
        <Bar dataKey="count" fill="#2563eb" radius={[3, 3, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
