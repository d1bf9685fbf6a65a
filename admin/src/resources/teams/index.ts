import type { RaRecord } from "react-admin";
import GroupsIcon from "@mui/icons-material/GroupsOutlined";
import { TeamCreate, TeamEdit, TeamList, TeamShow } from "./TeamViews.tsx";

export default {
  list: TeamList,
  show: TeamShow,
  edit: TeamEdit,
  create: TeamCreate,
  icon: GroupsIcon,
  recordRepresentation: (record: RaRecord) => String(record.name ?? record.id),
};
