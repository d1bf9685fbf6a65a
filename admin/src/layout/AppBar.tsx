import { AppBar as RaAppBar, Logout, TitlePortal, UserMenu, useGetIdentity } from "react-admin";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Typography from "@mui/material/Typography";
import { SignOutEverywhere } from "../auth/SignOutEverywhere.tsx";

const userMenu = (
  <UserMenu>
    <SignOutEverywhere />
    <Logout />
  </UserMenu>
);

export function AppBar() {
  const { identity } = useGetIdentity();
  const tenant = (identity as { tenantName?: string } | undefined)?.tenantName;
  return (
    <RaAppBar color="secondary" userMenu={userMenu}>
      <Typography
        component="span"
        sx={{ fontWeight: 700, letterSpacing: "-0.02em", mr: 2, fontSize: 18, display: { xs: "none", sm: "inline" } }}
      >
        lead
        <Box component="span" sx={{ color: "#93c5fd" }}>
          hub
        </Box>
      </Typography>
      <TitlePortal />
      {tenant && (
        <Chip
          label={tenant}
          size="small"
          sx={{ mr: 1, bgcolor: "rgba(255,255,255,.15)", color: "#fff", display: { xs: "none", md: "flex" } }}
        />
      )}
    </RaAppBar>
  );
}
