import { useState } from "react";
import Button from "@mui/material/Button";
import ConvertIcon from "@mui/icons-material/SwapHorizOutlined";
import { usePermissions, useRecordContext } from "react-admin";
import type { Permissions } from "../../auth/sessionModel.ts";
import { ConvertDialog } from "./ConvertDialog.tsx";
import { type Lead, leadDisplayName } from "./leadModel.ts";

// The API lets people who sell convert (admin, manager, rep); marketers hand leads over.
const SELLERS = ["admin", "manager", "rep"];

/** "Convert" on a lead not yet converted; a converted lead shows its links instead (ConvertedLinks). */
export function ConvertButton() {
  const lead = useRecordContext<Lead>();
  const { permissions } = usePermissions<Permissions>();
  const [open, setOpen] = useState(false);
  if (!lead || lead.converted_opportunity_id || !SELLERS.includes(permissions?.role ?? "")) return null;
  return (
    <>
      <Button size="small" variant="contained" startIcon={<ConvertIcon />} onClick={() => setOpen(true)} data-testid="convert-lead">
        Convert
      </Button>
      {open && <ConvertDialog leadId={String(lead.id)} leadName={leadDisplayName(lead)} onClose={() => setOpen(false)} />}
    </>
  );
}
