import type { RaRecord } from "react-admin";
import AlertIcon from "@mui/icons-material/NotificationsActiveOutlined";
import { AlertList } from "./AlertList.tsx";

// Alerts are raised by the health checks; people only resolve them (from this list or a source's page).
export default {
  list: AlertList,
  show: undefined,
  edit: undefined,
  create: undefined,
  icon: AlertIcon,
  recordRepresentation: (record: RaRecord) => String(record.message ?? record.id),
};
