import Box from "@mui/material/Box";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { SectionCard } from "../components/SectionCard.tsx";
import type { Dashboard } from "../data/dataProvider.ts";
import { fillLeadsPerDay, formatCount, sourceRows } from "./dashboardModel.ts";

const SOURCE_COLORS = ["#1e3a8a", "#2563eb", "#0f766e", "#14b8a6", "#f59e0b", "#8b5cf6", "#ef4444", "#94a3b8"];

// recharts is ~100 kB gzip: this file is its only importer and is loaded lazily by the dashboard.
export default function DashboardCharts({ data }: { data: Dashboard }) {
  const perDay = fillLeadsPerDay(data.leads_per_day, new Date());
  const sources = sourceRows(data.by_source);
  return (
    <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "3fr 2fr" } }}>
      <SectionCard title="Leads per day (last 14 days)">
        <Box sx={{ height: 260 }} data-testid="leads-per-day">
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={perDay} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <defs>
                <linearGradient id="leadsFill" x1="0" y1="0" x2="0" y2="1">
                  <stop offset="0%" stopColor="#2563eb" stopOpacity={0.35} />
                  <stop offset="100%" stopColor="#2563eb" stopOpacity={0.02} />
                </linearGradient>
              </defs>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
              <XAxis
                dataKey="label"
                tick={{ fontSize: 12, fill: "#64748b" }}
                tickLine={false}
                axisLine={false}
                interval="preserveStartEnd"
              />
              <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#64748b" }} tickLine={false} axisLine={false} />
              <Tooltip formatter={(v) => [formatCount(v), "Leads"]} />
              <Area type="monotone" dataKey="count" stroke="#1d4ed8" strokeWidth={2} fill="url(#leadsFill)" isAnimationActive={false} />
            </AreaChart>
          </ResponsiveContainer>
        </Box>
      </SectionCard>
      <SectionCard title="Leads by source">
        <Box sx={{ height: 260 }} data-testid="leads-by-source">
          {sources.length === 0 ? (
            <Box sx={{ color: "text.secondary", pt: 4, textAlign: "center" }}>No leads yet</Box>
          ) : (
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={sources} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
                <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12, fill: "#64748b" }} axisLine={false} tickLine={false} />
                <YAxis
                  type="category"
                  dataKey="source"
                  width={110}
                  tick={{ fontSize: 12, fill: "#334155" }}
                  axisLine={false}
                  tickLine={false}
                />
                <Tooltip formatter={(v) => [formatCount(v), "Leads"]} cursor={{ fill: "#f1f5f9" }} />
                <Bar dataKey="count" radius={[0, 4, 4, 0]} barSize={18} isAnimationActive={false}>
                  {sources.map((s, i) => (
                    <Cell key={s.source} fill={SOURCE_COLORS[i % SOURCE_COLORS.length]} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          )}
        </Box>
      </SectionCard>
    </Box>
  );
}
