import Box from "@mui/material/Box";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { TONES } from "../../components/toneModel.ts";
import { type ImportRecord, importCounts } from "./importModel.ts";

/** Imported / merged / flagged / rejected, large on the progress page and compact in the list. */
export function ImportCounts({ imp, dense = false }: { imp: ImportRecord; dense?: boolean }) {
  return (
    <Box sx={{ display: "flex", gap: dense ? 1.5 : 4, flexWrap: "wrap" }} className="import-counts">
      {importCounts(imp).map((c) => (
        <Tooltip key={c.key} title={c.hint}>
          <Box>
            <Typography variant="caption" color="text.secondary" component="div" sx={dense ? { fontSize: 11, lineHeight: 1.2 } : undefined}>
              {c.label}
            </Typography>
            <Typography
              data-testid={`import-${c.key}`}
              sx={{
                fontSize: dense ? 14 : 26,
                fontWeight: 700,
                fontVariantNumeric: "tabular-nums",
                color: c.value > 0 ? TONES[c.tone].fg : "text.secondary",
              }}
            >
              {c.value.toLocaleString("en-IN")}
            </Typography>
          </Box>
        </Tooltip>
      ))}
    </Box>
  );
}
