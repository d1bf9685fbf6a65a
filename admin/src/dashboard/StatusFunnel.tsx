import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { Link } from "react-router-dom";
import { TONES } from "../components/toneModel.ts";
import { formatCount, statusBars } from "./dashboardModel.ts";

/** Leads by status in pipeline order; each bar links to the filtered lead list. */
export function StatusFunnel({ rows }: { rows: { status: string; count: number }[] | undefined }) {
  const bars = statusBars(rows);
  return (
    <Box sx={{ display: "flex", flexDirection: "column", gap: 1 }}>
      {bars.map((bar) => (
        <Box
          key={bar.status}
          component={Link}
          to={`/leads?filter=${encodeURIComponent(JSON.stringify({ status: [bar.status] }))}`}
          sx={{
            display: "grid",
            gridTemplateColumns: "96px 1fr 56px",
            alignItems: "center",
            gap: 1.5,
            textDecoration: "none",
            color: "inherit",
            "&:hover .bar": { filter: "brightness(0.95)" },
          }}
        >
          <Typography variant="body2" color="text.secondary">
            {bar.label}
          </Typography>
          <Box sx={{ height: 22, bgcolor: "#f1f5f9", borderRadius: 1, overflow: "hidden" }}>
            <Box
              className="bar"
              sx={{ width: `${Math.max(bar.pct, bar.count ? 2 : 0)}%`, height: "100%", bgcolor: TONES[bar.tone].solid, borderRadius: 1 }}
            />
          </Box>
          <Typography variant="body2" sx={{ textAlign: "right", fontWeight: 600, fontVariantNumeric: "tabular-nums" }}>
            {formatCount(bar.count)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
