import type { RaRecord } from "react-admin";
import ContactIcon from "@mui/icons-material/ContactPhoneOutlined";
import { ContactCreate, ContactEdit } from "./ContactForm.tsx";
import { ContactList } from "./ContactList.tsx";
import { ContactShow } from "./ContactShow.tsx";
import { type Contact, contactName } from "./contactModel.ts";

export default {
  list: ContactList,
  show: ContactShow,
  edit: ContactEdit,
  create: ContactCreate,
  icon: ContactIcon,
  recordRepresentation: (record: RaRecord) => contactName(record as unknown as Contact),
};
