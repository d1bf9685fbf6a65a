import { type ReactNode, useState } from "react";
import Collapse from "@mui/material/Collapse";
import ListItemButton from "@mui/material/ListItemButton";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import ExpandLess from "@mui/icons-material/ExpandLess";
import ExpandMore from "@mui/icons-material/ExpandMore";
import ReportsIcon from "@mui/icons-material/InsightsOutlined";
import FunnelIcon from "@mui/icons-material/FilterAltOutlined";
import SourceIcon from "@mui/icons-material/SourceOutlined";
import CampaignIcon from "@mui/icons-material/CampaignOutlined";
import BookingIcon from "@mui/icons-material/EventAvailableOutlined";
import EngagementIcon from "@mui/icons-material/ForumOutlined";
import InventoryIcon from "@mui/icons-material/ApartmentOutlined";
import { Menu as RaMenu, useSidebarState } from "react-admin";
import { useLocation } from "react-router-dom";
import { REPORTS } from "./reportsModel.ts";

const REPORT_ICONS: Record<string, ReactNode> = {
  funnel: <FunnelIcon />,
  "source-performance": <SourceIcon />,
  "campaign-performance": <CampaignIcon />,
  bookings: <BookingIcon />,
  "engagement-stats": <EngagementIcon />,
};

/** Menu labels short enough for the sidebar. */
const MENU_LABELS: Record<string, string> = { "source-performance": "Sources", "campaign-performance": "Campaign ROI" };

/** Bookings, inventory, campaigns and sources: the records the journey adds. */
export function JourneyMenuItems() {
  return (
    <>
      <RaMenu.Item to="/bookings" primaryText="Bookings" leftIcon={<BookingIcon />} data-testid="menu-bookings" />
      <RaMenu.Item to="/unit_inventory" primaryText="Inventory" leftIcon={<InventoryIcon />} data-testid="menu-inventory" />
      <RaMenu.Item to="/campaigns" primaryText="Campaigns" leftIcon={<CampaignIcon />} data-testid="menu-campaigns" />
      <RaMenu.Item to="/lead_sources" primaryText="Lead sources" leftIcon={<SourceIcon />} data-testid="menu-lead-sources" />
    </>
  );
}

/** "Reports", a group that opens to its five pages (open while one of them is shown). */
export function ReportsMenuGroup() {
  const { pathname } = useLocation();
  const [open, setOpen] = useState(pathname.startsWith("/reports/"));
  const [sidebarOpen] = useSidebarState();
  return (
    <>
      <ListItemButton onClick={() => setOpen((o) => !o)} data-testid="menu-reports" sx={{ py: 0.75 }}>
        <ListItemIcon sx={{ minWidth: 40 }}>
          <ReportsIcon />
        </ListItemIcon>
        {sidebarOpen && <ListItemText primary="Reports" />}
        {open ? <ExpandLess fontSize="small" /> : <ExpandMore fontSize="small" />}
      </ListItemButton>
      <Collapse in={open || pathname.startsWith("/reports/")} timeout="auto" unmountOnExit>
        {REPORTS.map((r) => (
          <RaMenu.Item
            key={r.key}
            to={r.path}
            primaryText={MENU_LABELS[r.key] ?? r.title}
            leftIcon={REPORT_ICONS[r.key]}
            data-testid={`menu-report-${r.key}`}
            sx={{ pl: sidebarOpen ? 3 : undefined }}
          />
        ))}
      </Collapse>
    </>
  );
}
