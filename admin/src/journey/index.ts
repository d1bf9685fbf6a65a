import type { RaRecord } from "react-admin";
import BookingIcon from "@mui/icons-material/EventAvailableOutlined";
import InventoryIcon from "@mui/icons-material/ApartmentOutlined";
import CampaignIcon from "@mui/icons-material/CampaignOutlined";
import SourceIcon from "@mui/icons-material/SourceOutlined";
import EngagementIcon from "@mui/icons-material/ForumOutlined";
import {
  BookingCreate,
  BookingEdit,
  BookingList,
  BookingShow,
  CampaignCreate,
  CampaignEdit,
  CampaignList,
  EngagementList,
  InventoryCreate,
  InventoryEdit,
  InventoryList,
  LeadSourceCreate,
  LeadSourceEdit,
  LeadSourceList,
} from "./RecordViews.tsx";

// The journey's resources, registered in App.tsx like the folders under resources/.
export const bookings = {
  list: BookingList,
  create: BookingCreate,
  edit: BookingEdit,
  show: BookingShow,
  icon: BookingIcon,
  recordRepresentation: (r: RaRecord) =>
    `Booking of ${r.units} unit${Number(r.units) === 1 ? "" : "s"} (${String(r.status ?? "").replace(/_/g, " ")})`,
};
export const unitInventory = {
  list: InventoryList,
  create: InventoryCreate,
  edit: InventoryEdit,
  icon: InventoryIcon,
  recordRepresentation: (r: RaRecord) => `${r.project} · ${r.unit_type}`,
};
export const campaigns = {
  list: CampaignList,
  create: CampaignCreate,
  edit: CampaignEdit,
  icon: CampaignIcon,
  recordRepresentation: (r: RaRecord) => String(r.name ?? r.code ?? r.id),
};
export const leadSources = {
  list: LeadSourceList,
  create: LeadSourceCreate,
  edit: LeadSourceEdit,
  icon: SourceIcon,
  recordRepresentation: (r: RaRecord) => (r.subsource ? `${r.name} / ${r.subsource}` : String(r.name ?? r.id)),
};
export const engagements = { list: EngagementList, icon: EngagementIcon };
