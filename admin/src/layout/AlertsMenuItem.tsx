import Badge from "@mui/material/Badge";
import AlertIcon from "@mui/icons-material/NotificationsActiveOutlined";
import { Menu as RaMenu, useGetList } from "react-admin";

/** "Alerts" with the number of open ones; re-read every minute and whenever one is resolved. */
export function AlertsMenuItem() {
  const { total } = useGetList(
    "alerts",
    { filter: { resolved_at: null }, pagination: { page: 1, perPage: 1 }, sort: { field: "raised_at", order: "DESC" } },
    { refetchInterval: 60_000, retry: false },
  );
  return (
    <RaMenu.Item
      to="/alerts"
      primaryText="Alerts"
      data-testid="menu-alerts"
      leftIcon={
        <Badge badgeContent={total ?? 0} color="error" max={99} overlap="circular" slotProps={{ badge: { className: "alerts-badge" } }}>
          <AlertIcon />
        </Badge>
      }
    />
  );
}
