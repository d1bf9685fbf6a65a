import type { RaRecord } from "react-admin";
import DuplicatesIcon from "@mui/icons-material/ContentCopyOutlined";
import { DuplicateReviewList } from "./DuplicateReviewList.tsx";
import { DuplicateReviewShow } from "./DuplicateReviewShow.tsx";
import { matchBand } from "./duplicateModel.ts";

// Reviews are opened by intake and scans; people only decide them (merge or "not a duplicate").
export default {
  list: DuplicateReviewList,
  show: DuplicateReviewShow,
  edit: undefined,
  create: undefined,
  icon: DuplicatesIcon,
  recordRepresentation: (record: RaRecord) => `Possible duplicate (${matchBand(record.score).value}% match)`,
};
