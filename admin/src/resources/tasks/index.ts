import TaskIcon from "@mui/icons-material/TaskAltOutlined";
import type { RaRecord } from "react-admin";
import { TaskList } from "./TaskList.tsx";

export default {
  list: TaskList,
  icon: TaskIcon,
  recordRepresentation: (record: RaRecord) => String(record.title ?? record.id),
};
