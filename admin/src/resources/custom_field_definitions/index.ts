import type { RaRecord } from "react-admin";
import CustomFieldIcon from "@mui/icons-material/PlaylistAddOutlined";
import { CustomFieldCreate, CustomFieldEdit, CustomFieldList } from "./CustomFieldViews.tsx";

export default {
  list: CustomFieldList,
  edit: CustomFieldEdit,
  create: CustomFieldCreate,
  icon: CustomFieldIcon,
  recordRepresentation: (record: RaRecord) => String(record.label ?? record.name ?? record.id),
};
