import type { RaRecord } from "react-admin";
import HandshakeIcon from "@mui/icons-material/HandshakeOutlined";
import { PartnerCreate } from "./PartnerCreate.tsx";
import { PartnerEdit } from "./PartnerEdit.tsx";
import { PartnerShow } from "./PartnerShow.tsx";
import { PartnerList } from "./PartnerViews.tsx";

export default {
  list: PartnerList,
  show: PartnerShow,
  edit: PartnerEdit,
  create: PartnerCreate,
  icon: HandshakeIcon,
  recordRepresentation: (record: RaRecord) => String(record.name ?? record.id),
};
