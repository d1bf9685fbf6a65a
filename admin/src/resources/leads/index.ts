import type { RaRecord } from "react-admin";
import PeopleIcon from "@mui/icons-material/PersonSearchOutlined";
import { LeadCreate } from "./LeadCreate.tsx";
import { LeadEdit } from "./LeadEdit.tsx";
import { LeadList } from "./LeadList.tsx";
import { LeadShow } from "./LeadShow.tsx";
import { type Lead, leadDisplayName } from "./leadModel.ts";

export default {
  list: LeadList,
  show: LeadShow,
  edit: LeadEdit,
  create: LeadCreate,
  icon: PeopleIcon,
  recordRepresentation: (record: RaRecord) => leadDisplayName(record as Lead),
};
