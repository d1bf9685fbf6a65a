import { Login, LoginForm } from "react-admin";
import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import HubIcon from "@mui/icons-material/HubOutlined";

export function LoginPage() {
  return (
    <Login
      avatarIcon={<HubIcon />}
      sx={{
        background: "radial-gradient(circle at 20% 20%, #3b5bdb 0%, #1e3a8a 45%, #0f172a 100%)",
        justifyContent: "center",
        "& .RaLogin-card": { minWidth: 340, mt: 0, borderRadius: 3, boxShadow: "0 20px 50px rgba(0,0,0,.35)" },
        "& .RaLogin-avatar": { mb: 0 },
        "& .RaLogin-icon": { bgcolor: "#1e3a8a" },
      }}
    >
      <Box sx={{ textAlign: "center", px: 2, pb: 1 }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 700, letterSpacing: "-0.02em" }}>
          leadhub
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Sign in to your lead console
        </Typography>
      </Box>
      <LoginForm />
    </Login>
  );
}
