import type { RaRecord } from "react-admin";
import BadgeIcon from "@mui/icons-material/BadgeOutlined";
import { UserCreate, UserEdit, UserList, UserShow } from "./UserViews.tsx";

export default {
  list: UserList,
  show: UserShow,
  edit: UserEdit,
  create: UserCreate,
  icon: BadgeIcon,
  recordRepresentation: (record: RaRecord) => String(record.name ?? record.email ?? record.id),
};
