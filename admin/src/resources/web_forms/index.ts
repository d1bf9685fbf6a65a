import type { RaRecord } from "react-admin";
import WebFormIcon from "@mui/icons-material/DynamicFormOutlined";
import { FormCreate, FormEdit } from "./FormEditor.tsx";
import { FormList, FormShow } from "./FormViews.tsx";

export default {
  list: FormList,
  show: FormShow,
  edit: FormEdit,
  create: FormCreate,
  icon: WebFormIcon,
  recordRepresentation: (record: RaRecord) => String(record.name ?? record.key ?? record.id),
};
