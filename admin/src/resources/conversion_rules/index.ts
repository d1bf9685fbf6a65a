import type { RaRecord } from "react-admin";
import ConversionIcon from "@mui/icons-material/SwapHorizOutlined";
import { ConversionRuleCreate, ConversionRuleEdit, ConversionRuleList } from "./ConversionRuleViews.tsx";

export default {
  list: ConversionRuleList,
  edit: ConversionRuleEdit,
  create: ConversionRuleCreate,
  icon: ConversionIcon,
  recordRepresentation: (record: RaRecord) => String(record.name ?? record.id),
};
