import { useState } from "react";
import ButtonBase from "@mui/material/ButtonBase";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import ExpandMoreIcon from "@mui/icons-material/ExpandMore";
import { useNotify, useRecordContext, useRefresh, useUpdate } from "react-admin";
import { ToneChip } from "../../components/ToneChip.tsx";
import { labelOf } from "../../components/toneModel.ts";
import { LEAD_STATUSES, SETTABLE_LEAD_STATUSES, type Lead, statusTone } from "./leadModel.ts";

/** The lead's status as a chip that opens the statuses a person may set; a converted lead's stays as it is. */
export function LeadStatusMenu() {
  const lead = useRecordContext<Lead>();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [update, { isPending }] = useUpdate();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!lead) return null;
  const chip = <ToneChip label={labelOf(LEAD_STATUSES, lead.status)} tone={statusTone(lead.status)} />;
  if (lead.status === "converted") return chip;
  const set = (status: string) => {
    setAnchor(null);
    if (status === lead.status) return;
    update(
      "leads",
      { id: lead.id, data: { status }, previousData: lead },
      {
        onSuccess: () => {
          notify(`Status set to ${labelOf(LEAD_STATUSES, status)}`, { type: "success" });
          refresh();
        },
        onError: (error) => notify((error as Error).message || "Status not changed", { type: "error" }),
      },
    );
  };
  return (
    <>
      <ButtonBase
        onClick={(e) => setAnchor(e.currentTarget)}
        disabled={isPending}
        aria-label="Change status"
        aria-haspopup="menu"
        data-testid="lead-status-menu"
        sx={{ borderRadius: "6px", display: "inline-flex", alignItems: "center", gap: 0.25 }}
      >
        {chip}
        <ExpandMoreIcon fontSize="small" sx={{ color: "text.secondary" }} />
      </ButtonBase>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        {SETTABLE_LEAD_STATUSES.map((s) => (
          <MenuItem key={s.id} selected={s.id === lead.status} onClick={() => set(s.id)} data-status={s.id}>
            <ToneChip label={s.name} tone={s.tone} />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
