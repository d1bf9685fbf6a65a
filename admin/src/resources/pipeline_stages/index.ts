import type { RaRecord } from "react-admin";
import StageIcon from "@mui/icons-material/LinearScaleOutlined";
import { StageCreate, StageEdit, StageList } from "./StageViews.tsx";

export default {
  list: StageList,
  edit: StageEdit,
  create: StageCreate,
  icon: StageIcon,
  recordRepresentation: (record: RaRecord) => String(record.name ?? record.id),
};
