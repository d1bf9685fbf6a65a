import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import QueueIcon from "@mui/icons-material/ContentCopyOutlined";
import { Title, useAuthenticated, usePermissions } from "react-admin";
import { Link } from "react-router-dom";
import type { Permissions } from "../auth/sessionModel.ts";
import { RulesCard } from "./RulesCard.tsx";
import { ScanCard } from "./ScanCard.tsx";

/** Duplicate settings: the matching rules (admins) and the scan over existing leads (admins and managers). */
export function DedupSettingsPage() {
  // Custom routes are not guarded by react-admin; this redirects to /login when the session is gone.
  useAuthenticated();
  const { permissions } = usePermissions<Permissions>();
  return (
    <Box sx={{ py: 2 }} data-testid="dedup-settings">
      <Title title="Duplicate settings" />
      <Box sx={{ display: "flex", alignItems: "baseline", justifyContent: "space-between", flexWrap: "wrap", gap: 1, mb: 2 }}>
        <Box>
          <Typography variant="h5" component="h1">
            Duplicate settings
          </Typography>
          <Typography variant="body2" color="text.secondary">
            How leadhub decides that two leads are one person, and a scan over the leads you already have
          </Typography>
        </Box>
        <Button component={Link} to="/duplicate_reviews" size="small" startIcon={<QueueIcon />}>
          Review queue
        </Button>
      </Box>
      <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "minmax(0, 7fr) minmax(0, 5fr)" }, alignItems: "start" }}>
        <RulesCard canEdit={permissions?.role === "admin"} />
        <ScanCard canScan={permissions?.canManageUsers === true} />
      </Box>
    </Box>
  );
}
