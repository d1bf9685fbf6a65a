import IconButton from "@mui/material/IconButton";
import Tooltip from "@mui/material/Tooltip";
import RefreshIcon from "@mui/icons-material/Refresh";

/** A card's small "Refresh" button, greyed while the data reloads. */
export function RefreshButton({ onClick, busy }: { onClick: () => void; busy: boolean }) {
  return (
    <Tooltip title="Refresh">
      <IconButton size="small" onClick={onClick} disabled={busy}>
        <RefreshIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}
