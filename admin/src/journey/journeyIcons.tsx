import type { ReactNode } from "react";
import FlagIcon from "@mui/icons-material/FlagOutlined";
import PhoneIcon from "@mui/icons-material/PhoneOutlined";
import PlaceIcon from "@mui/icons-material/PlaceOutlined";
import ReplayIcon from "@mui/icons-material/ReplayOutlined";
import SlideshowIcon from "@mui/icons-material/SlideshowOutlined";
import DescriptionIcon from "@mui/icons-material/DescriptionOutlined";
import GavelIcon from "@mui/icons-material/GavelOutlined";
import EventAvailableIcon from "@mui/icons-material/EventAvailableOutlined";
import CancelIcon from "@mui/icons-material/CancelOutlined";
import AutorenewIcon from "@mui/icons-material/AutorenewOutlined";
import EmailIcon from "@mui/icons-material/EmailOutlined";
import SmsIcon from "@mui/icons-material/SmsOutlined";
import WhatsAppIcon from "@mui/icons-material/WhatsApp";
import GroupsIcon from "@mui/icons-material/GroupsOutlined";
import VideocamIcon from "@mui/icons-material/VideocamOutlined";
import ChatIcon from "@mui/icons-material/ChatOutlined";
import CalendarIcon from "@mui/icons-material/CalendarMonthOutlined";
import QuoteIcon from "@mui/icons-material/RequestQuoteOutlined";

/** One icon per milestone kind: the timeline reads at a glance. */
export const MILESTONE_ICONS: Record<string, ReactNode> = {
  lead_generated: <FlagIcon fontSize="small" />,
  contacted: <PhoneIcon fontSize="small" />,
  site_visit: <PlaceIcon fontSize="small" />,
  revisit: <ReplayIcon fontSize="small" />,
  demo: <SlideshowIcon fontSize="small" />,
  proposal: <DescriptionIcon fontSize="small" />,
  negotiation: <GavelIcon fontSize="small" />,
  booking: <EventAvailableIcon fontSize="small" />,
  cancellation: <CancelIcon fontSize="small" />,
  reengaged: <AutorenewIcon fontSize="small" />,
};

export const CHANNEL_ICONS: Record<string, ReactNode> = {
  email: <EmailIcon fontSize="small" />,
  phone: <PhoneIcon fontSize="small" />,
  sms: <SmsIcon fontSize="small" />,
  whatsapp: <WhatsAppIcon fontSize="small" />,
  in_person: <GroupsIcon fontSize="small" />,
  video: <VideocamIcon fontSize="small" />,
};

const TYPE_ICONS: Record<string, ReactNode> = {
  email_sent: <EmailIcon fontSize="small" />,
  call_made: <PhoneIcon fontSize="small" />,
  message_sent: <ChatIcon fontSize="small" />,
  meeting_scheduled: <CalendarIcon fontSize="small" />,
  proposal_sent: <DescriptionIcon fontSize="small" />,
  quote_sent: <QuoteIcon fontSize="small" />,
};

export function journeyIcon(source: "milestone" | "engagement", kind: string, channel: string | null): ReactNode {
  if (source === "milestone") return MILESTONE_ICONS[kind] ?? <FlagIcon fontSize="small" />;
  return (channel && CHANNEL_ICONS[channel]) || TYPE_ICONS[kind] || <ChatIcon fontSize="small" />;
}
