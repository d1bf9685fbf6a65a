import Box from "@mui/material/Box";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import Typography from "@mui/material/Typography";
import { Link } from "react-router-dom";
import { OwnerFilter } from "./OwnerFilter.tsx";

/** Title, the deals/leads switch and the owner filter, shared by both boards. */
export function BoardHeader({
  view,
  owner,
  me,
  onOwner,
}: {
  view: "deals" | "leads";
  owner: string | null;
  me: string | undefined;
  onOwner: (owner: string | null) => void;
}) {
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 2, flexWrap: "wrap", my: 2 }}>
      <Typography variant="h5" component="h1" sx={{ mr: 1 }}>
        {view === "deals" ? "Pipeline" : "Leads by status"}
      </Typography>
      <ToggleButtonGroup size="small" exclusive value={view} aria-label="Board">
        <ToggleButton value="deals" component={Link} to="/pipeline">
          Deals
        </ToggleButton>
        <ToggleButton value="leads" component={Link} to="/lead-board">
          Leads
        </ToggleButton>
      </ToggleButtonGroup>
      <Box sx={{ flex: 1 }} />
      <OwnerFilter value={owner} me={me} onChange={onOwner} />
    </Box>
  );
}
