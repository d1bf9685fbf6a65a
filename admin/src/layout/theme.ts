import { defaultLightTheme, type RaThemeOptions } from "react-admin";

// A calm, dense CRM look: deep indigo app bar, white surfaces, slate text, rounded outlined cards.
export const theme: RaThemeOptions = {
  ...defaultLightTheme,
  palette: {
    mode: "light",
    primary: { main: "#1e3a8a" },
    secondary: { main: "#0f766e" },
    background: { default: "#f5f7fb", paper: "#ffffff" },
    text: { primary: "#0f172a", secondary: "#64748b" },
  },
  shape: { borderRadius: 8 },
  typography: {
    fontFamily: '"Inter", "Segoe UI", Roboto, "Noto Sans", "Noto Sans Devanagari", Helvetica, Arial, sans-serif',
    h5: { fontWeight: 600 },
    h6: { fontWeight: 600 },
  },
  sidebar: { width: 200, closedWidth: 56 },
  components: {
    ...defaultLightTheme.components,
    MuiAppBar: {
      styleOverrides: { colorSecondary: { backgroundColor: "#1e3a8a", color: "#fff" } },
    },
    MuiPaper: { styleOverrides: { elevation1: { boxShadow: "0 1px 2px rgba(15,23,42,.06), 0 1px 3px rgba(15,23,42,.1)" } } },
    MuiTableCell: { styleOverrides: { head: { fontWeight: 600, color: "#475569", backgroundColor: "#f8fafc" } } },
  },
};
