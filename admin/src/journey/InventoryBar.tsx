import Box from "@mui/material/Box";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useRecordContext } from "react-admin";
import { TONES } from "../components/toneModel.ts";
import { type UnitInventory, inventoryBar } from "./ledgerModel.ts";

/** Booked vs available as one bar, with the numbers beside it. */
export function InventoryBar({ unit }: { unit?: Pick<UnitInventory, "units_total" | "units_booked" | "units_available"> }) {
  const record = useRecordContext<UnitInventory>();
  const u = unit ?? record;
  if (!u) return null;
  const bar = inventoryBar(u);
  return (
    <Tooltip title={`${bar.booked} booked · ${bar.available} available of ${bar.total}`}>
      <Box
        sx={{ display: "flex", alignItems: "center", gap: 1, minWidth: 180, maxWidth: 420 }}
        className="inventory-bar"
        data-available={bar.available}
        data-booked={bar.booked}
      >
        <Box sx={{ flex: 1, height: 10, borderRadius: 5, overflow: "hidden", display: "flex", bgcolor: TONES.grey.bg }}>
          <Box sx={{ width: `${bar.bookedPct}%`, bgcolor: TONES.indigo.solid }} />
          <Box sx={{ width: `${bar.availablePct}%`, bgcolor: TONES.green.solid, opacity: 0.7 }} />
        </Box>
        <Typography variant="caption" sx={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }} className="units-available">
          {bar.available} / {bar.total} free
        </Typography>
      </Box>
    </Tooltip>
  );
}
