import Badge from "@mui/material/Badge";
import DuplicatesIcon from "@mui/icons-material/ContentCopyOutlined";
import { Menu as RaMenu, useGetList } from "react-admin";

/** "Duplicates" with the number of open reviews; re-read every minute and whenever one is decided. */
export function DuplicatesMenuItem() {
  const { total } = useGetList(
    "duplicate_reviews",
    { filter: { status: "open" }, pagination: { page: 1, perPage: 1 }, sort: { field: "created_at", order: "DESC" } },
    { refetchInterval: 60_000, retry: false },
  );
  return (
    <RaMenu.Item
      to="/duplicate_reviews"
      primaryText="Duplicates"
      data-testid="menu-duplicates"
      leftIcon={
        <Badge
          badgeContent={total ?? 0}
          color="warning"
          max={99}
          overlap="circular"
          slotProps={{ badge: { className: "duplicates-badge" } }}
        >
          <DuplicatesIcon />
        </Badge>
      }
    />
  );
}
