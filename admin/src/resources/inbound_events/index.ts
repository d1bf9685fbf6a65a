import type { RaRecord } from "react-admin";
import InboxIcon from "@mui/icons-material/MoveToInboxOutlined";
import { InboundEventList } from "./InboundEventList.tsx";
import { InboundEventShow } from "./InboundEventShow.tsx";

// Read-only: an inbound event is the evidence of what a sender posted; nobody edits evidence.
export default {
  list: InboundEventList,
  show: InboundEventShow,
  edit: undefined,
  create: undefined,
  icon: InboxIcon,
  recordRepresentation: (record: RaRecord) => `${String(record.channel ?? "event")} ${String(record.id).slice(0, 8)}`,
};
