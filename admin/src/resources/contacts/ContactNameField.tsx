import Typography from "@mui/material/Typography";
import { useRecordContext } from "react-admin";
import { ToneChip } from "../../components/ToneChip.tsx";
import { type Contact, contactName } from "./contactModel.ts";

/** The name, with "Primary" beside the account's main contact. */
export function ContactNameField(_: { label?: string; sortBy?: string }) {
  const contact = useRecordContext<Contact>();
  if (!contact) return null;
  return (
    <Typography variant="body2" component="span" sx={{ fontWeight: 600, display: "inline-flex", gap: 1, alignItems: "center" }}>
      {contactName(contact)}
      {contact.is_primary && <ToneChip label="Primary" tone="teal" />}
    </Typography>
  );
}
