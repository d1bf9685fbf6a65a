import type { RaRecord } from "react-admin";
import DealIcon from "@mui/icons-material/MonetizationOnOutlined";
import { OpportunityCreate, OpportunityEdit } from "./OpportunityForm.tsx";
import { OpportunityList } from "./OpportunityList.tsx";
import { OpportunityShow } from "./OpportunityShow.tsx";

export default {
  list: OpportunityList,
  show: OpportunityShow,
  edit: OpportunityEdit,
  create: OpportunityCreate,
  icon: DealIcon,
  recordRepresentation: (record: RaRecord) => String(record.name ?? record.id),
};
