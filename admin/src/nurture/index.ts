import type { RaRecord } from "react-admin";
import SequenceIcon from "@mui/icons-material/ForwardToInboxOutlined";
import EnrollmentIcon from "@mui/icons-material/HowToRegOutlined";
import SuppressionIcon from "@mui/icons-material/BlockOutlined";
import { EnrollmentList } from "./EnrollmentList.tsx";
import { SequenceShow } from "./SequenceShow.tsx";
import { SequenceCreate, SequenceEdit, SequenceList } from "./SequenceViews.tsx";
import { SuppressionCreate, SuppressionList } from "./SuppressionViews.tsx";

// The three nurture resources, registered in App.tsx like the folders under resources/.
export const sequences = {
  list: SequenceList,
  show: SequenceShow,
  edit: SequenceEdit,
  create: SequenceCreate,
  icon: SequenceIcon,
  recordRepresentation: (record: RaRecord) => String(record.name ?? record.id),
};

export const enrollments = { list: EnrollmentList, icon: EnrollmentIcon };

export const suppressions = {
  list: SuppressionList,
  create: SuppressionCreate,
  icon: SuppressionIcon,
  recordRepresentation: (record: RaRecord) => String(record.email ?? record.id),
};
