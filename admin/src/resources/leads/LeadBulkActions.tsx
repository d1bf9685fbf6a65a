import { useState } from "react";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import MuiButton from "@mui/material/Button";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import TextField from "@mui/material/TextField";
import Autocomplete from "@mui/material/Autocomplete";
import FlagIcon from "@mui/icons-material/FlagOutlined";
import PersonAddIcon from "@mui/icons-material/PersonAddAltOutlined";
import { BulkDeleteButton, Button, useGetList, useListContext, useNotify, useRefresh, useUnselectAll, useUpdateMany } from "react-admin";
import { BulkExportCsvButton } from "../../components/ListActions.tsx";
import { ToneChip } from "../../components/ToneChip.tsx";
import { SETTABLE_LEAD_STATUSES } from "./leadModel.ts";

function useBulkUpdate() {
  const { selectedIds, resource } = useListContext();
  const [updateMany, { isPending }] = useUpdateMany();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll(resource ?? "leads");
  const run = (data: Record<string, unknown>, done: string) =>
    updateMany(
      resource ?? "leads",
      { ids: selectedIds, data },
      {
        onSuccess: () => {
          notify(`${selectedIds.length} lead${selectedIds.length === 1 ? "" : "s"} ${done}`, { type: "success" });
          unselectAll();
          refresh();
        },
        onError: (error) => notify((error as Error).message || "Update failed", { type: "error" }),
      },
    );
  return { run, isPending };
}

export function BulkSetStatusButton() {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { run, isPending } = useBulkUpdate();
  return (
    <>
      <Button label="Set status" onClick={(e) => setAnchor(e.currentTarget)} disabled={isPending}>
        <FlagIcon />
      </Button>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        {SETTABLE_LEAD_STATUSES.map((s) => (
          <MenuItem
            key={s.id}
            onClick={() => {
              setAnchor(null);
              run({ status: s.id }, `set to ${s.name}`);
            }}
          >
            <ToneChip label={s.name} tone={s.tone} />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}

export function BulkAssignOwnerButton() {
  const [open, setOpen] = useState(false);
  const [owner, setOwner] = useState<{ id: string; name: string; email?: string } | null>(null);
  const { run, isPending } = useBulkUpdate();
  const { data: users = [], isPending: loadingUsers } = useGetList(
    "users",
    { pagination: { page: 1, perPage: 200 }, sort: { field: "name", order: "ASC" }, filter: { is_active: true } },
    { enabled: open },
  );
  return (
    <>
      <Button label="Assign owner" onClick={() => setOpen(true)} disabled={isPending}>
        <PersonAddIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs">
        <DialogTitle>Assign owner</DialogTitle>
        <DialogContent>
          <Autocomplete
            options={users as { id: string; name: string; email?: string }[]}
            loading={loadingUsers}
            getOptionLabel={(u) => u.name + (u.email ? ` (${u.email})` : "")}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            value={owner}
            onChange={(_, value) => setOwner(value)}
            renderInput={(params) => <TextField {...params} label="Owner" margin="dense" autoFocus />}
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setOpen(false)}>Cancel</MuiButton>
          <MuiButton
            variant="contained"
            disabled={!owner || isPending}
            onClick={() => {
              if (!owner) return;
              setOpen(false);
              run({ owner_id: owner.id }, `assigned to ${owner.name}`);
            }}
          >
            Assign
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
}

export function LeadBulkActions() {
  return (
    <>
      <BulkSetStatusButton />
      <BulkAssignOwnerButton />
      <BulkExportCsvButton />
      <BulkDeleteButton mutationMode="pessimistic" />
    </>
  );
}
