import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import ScheduleIcon from "@mui/icons-material/ScheduleOutlined";

/** The line between two cards, saying how long the lead waits before the next step. */
export function StepConnector({ label }: { label: string }) {
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 1, pl: 3, minHeight: 40 }} className="step-connector">
      <Box sx={{ width: 2, alignSelf: "stretch", bgcolor: "#cbd5e1", mr: 1 }} />
      <ScheduleIcon fontSize="small" sx={{ color: "text.secondary" }} />
      <Typography variant="caption" color="text.secondary" className="step-delay">
        {label}
      </Typography>
    </Box>
  );
}
