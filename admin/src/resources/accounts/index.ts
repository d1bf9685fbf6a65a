import type { RaRecord } from "react-admin";
import AccountIcon from "@mui/icons-material/BusinessOutlined";
import { AccountCreate, AccountEdit } from "./AccountEdit.tsx";
import { AccountList } from "./AccountList.tsx";
import { AccountShow } from "./AccountShow.tsx";

export default {
  list: AccountList,
  show: AccountShow,
  edit: AccountEdit,
  create: AccountCreate,
  icon: AccountIcon,
  recordRepresentation: (record: RaRecord) => String(record.name ?? record.id),
};
