import AuditIcon from "@mui/icons-material/ManageHistoryOutlined";
import { AuditLogList } from "./AuditLogList.tsx";

// Read-only: the log is evidence, written by the API in each change's own transaction.
export default { list: AuditLogList, icon: AuditIcon };
