import type { RaRecord } from "react-admin";
import ImportIcon from "@mui/icons-material/UploadFileOutlined";
import { ImportList } from "./ImportList.tsx";
import { ImportShow } from "./ImportShow.tsx";
import { ImportWizard } from "./ImportWizard.tsx";
import { type ImportRecord, importOptionText } from "./importModel.ts";

// The wizard is the create page (/imports/create) and the live progress the show page (/imports/:id/show);
// an import's settings are fixed once it runs, so there is no edit page.
export default {
  list: ImportList,
  create: ImportWizard,
  show: ImportShow,
  edit: undefined,
  icon: ImportIcon,
  recordRepresentation: (record: RaRecord) => importOptionText(record as ImportRecord),
};
