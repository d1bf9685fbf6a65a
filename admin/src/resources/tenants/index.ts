import type { RaRecord } from "react-admin";
import DomainIcon from "@mui/icons-material/DomainOutlined";
import { TenantCreate, TenantEdit, TenantList, TenantShow } from "./TenantViews.tsx";

export default {
  list: TenantList,
  show: TenantShow,
  edit: TenantEdit,
  create: TenantCreate,
  icon: DomainIcon,
  recordRepresentation: (record: RaRecord) => String(record.name ?? record.id),
};
