import { useState } from "react";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import FormControlLabel from "@mui/material/FormControlLabel";
import Link from "@mui/material/Link";
import Radio from "@mui/material/Radio";
import Switch from "@mui/material/Switch";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { Link as RouterLink } from "react-router-dom";
import { SectionCard } from "../../components/SectionCard.tsx";
import { ToneChip } from "../../components/ToneChip.tsx";
import { TONES, labelOf } from "../../components/toneModel.ts";
import { formatDateTime } from "../leads/LeadFieldValue.tsx";
import { leadFieldLabel } from "../leads/leadFields.ts";
import { LEAD_STATUSES, type Lead, leadDisplayName, statusTone } from "../leads/leadModel.ts";
import {
  type ComparisonField,
  type DuplicateComparison,
  SIDE_LABELS,
  type Side,
  formatFieldValue,
  isPickable,
  mergePreview,
  visibleRows,
} from "./duplicateModel.ts";

const DIFF_BG = "#fffbeb";
const PICKED_BG = TONES.green.bg;

function SideHeader({ side, lead, linkable }: { side: Side; lead: Lead | null; linkable: boolean }) {
  const hint = side === "lead" ? "newer, flagged as a duplicate" : "older, already in your leads";
  return (
    <Box sx={{ minWidth: 0 }} data-testid={`side-${side}`}>
      <Typography variant="overline" color="text.secondary" sx={{ lineHeight: 1.4 }} component="div">
        {SIDE_LABELS[side]} · {hint}
      </Typography>
      {lead ? (
        <>
          <Box sx={{ display: "flex", alignItems: "center", gap: 0.75, flexWrap: "wrap" }}>
            {linkable ? (
              <Link component={RouterLink} to={`/leads/${encodeURIComponent(lead.id)}/show`} sx={{ fontWeight: 700 }} className="side-name">
                {leadDisplayName(lead)}
              </Link>
            ) : (
              <Typography sx={{ fontWeight: 700 }} className="side-name">
                {leadDisplayName(lead)}
              </Typography>
            )}
            <Chip size="small" variant="outlined" label={lead.lead_number} sx={{ fontFamily: "monospace", height: 20 }} />
            <ToneChip label={labelOf(LEAD_STATUSES, lead.status)} tone={statusTone(lead.status)} />
          </Box>
          <Typography variant="caption" color="text.secondary" component="div">
            {[lead.source, `created ${formatDateTime(lead.created_at)}`].filter(Boolean).join(" · ")}
          </Typography>
        </>
      ) : (
        <Typography color="text.secondary">(no longer exists)</Typography>
      )}
    </Box>
  );
}

const EMPTY = (
  <Typography component="span" variant="body2" color="text.disabled">
    —
  </Typography>
);

function ValueCell({
  row,
  side,
  picked,
  pickable,
  onPick,
}: {
  row: ComparisonField;
  side: Side;
  picked: boolean;
  pickable: boolean;
  onPick?: (side: Side) => void;
}) {
  const text = formatFieldValue(row[side]);
  const label = leadFieldLabel(row.field);
  const shown = text ? <span className="value">{text}</span> : EMPTY;
  return (
    <TableCell
      className={`value-${side}${picked ? " picked" : ""}`}
      sx={{ bgcolor: row.differs && picked ? PICKED_BG : undefined, wordBreak: "break-word" }}
    >
      {pickable && onPick ? (
        <FormControlLabel
          sx={{ m: 0, alignItems: "flex-start", "& .MuiFormControlLabel-label": { pt: 0.75, fontWeight: picked ? 600 : 400 } }}
          control={
            <Radio
              size="small"
              checked={picked}
              onChange={() => onPick(side)}
              name={`pick-${row.field}`}
              value={side}
              slotProps={{ input: { "aria-label": `Keep the ${SIDE_LABELS[side].toLowerCase()} ${label.toLowerCase()}` } }}
            />
          }
          label={shown}
        />
      ) : (
        <Box sx={{ fontWeight: row.differs && picked ? 600 : 400 }}>{shown}</Box>
      )}
    </TableCell>
  );
}

/**
 * The two records field by field. Differing rows are tinted; where both hold a value, a radio per
 * side picks what the surviving lead keeps. The last column is the lead the merge will leave.
 */
export function ComparisonTable({
  comparison,
  picks,
  survivor,
  onPick,
}: {
  comparison: DuplicateComparison;
  picks: Record<string, Side>;
  survivor: Side;
  /** Absent for a closed review: read-only. */
  onPick?: (field: string, side: Side) => void;
}) {
  const [showEmpty, setShowEmpty] = useState(false);
  const { fields, lead, candidate } = comparison;
  const open = Boolean(onPick);
  const preview = open ? mergePreview(fields, picks, survivor) : null;
  const rows = visibleRows(fields, showEmpty);
  const differing = fields.filter((f) => f.differs).length;
  return (
    <SectionCard
      title={`Side by side · ${differing} field${differing === 1 ? "" : "s"} differ`}
      action={
        <FormControlLabel
          control={<Switch size="small" checked={showEmpty} onChange={(e) => setShowEmpty(e.target.checked)} />}
          label="Show empty fields"
        />
      }
    >
      <Box sx={{ overflowX: "auto" }}>
        <Table size="small" data-testid="comparison-table" sx={{ tableLayout: "fixed", minWidth: 720 }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 140 }}>Field</TableCell>
              <TableCell>
                <SideHeader side="lead" lead={lead} linkable={open} />
              </TableCell>
              <TableCell>
                <SideHeader side="candidate" lead={candidate} linkable={open} />
              </TableCell>
              {preview && (
                <TableCell sx={{ width: "24%" }}>
                  <Typography variant="overline" color="text.secondary" component="div" sx={{ lineHeight: 1.4 }}>
                    After the merge
                  </Typography>
                </TableCell>
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => {
              const pickable = open && isPickable(row);
              const kept = picks[row.field];
              return (
                <TableRow
                  key={row.field}
                  data-testid={`compare-${row.field}`}
                  className={row.differs ? "compare-row differs" : "compare-row"}
                  sx={
                    row.differs ? { bgcolor: DIFF_BG, "& td:first-of-type": { borderLeft: `3px solid ${TONES.amber.solid}` } } : undefined
                  }
                >
                  <TableCell sx={{ fontWeight: row.differs ? 600 : 400, color: row.differs ? TONES.amber.fg : "text.secondary" }}>
                    {leadFieldLabel(row.field)}
                  </TableCell>
                  {(["lead", "candidate"] as const).map((side) => (
                    <ValueCell
                      key={side}
                      row={row}
                      side={side}
                      picked={open && row.differs && kept === side}
                      pickable={pickable}
                      onPick={onPick && ((s) => onPick(row.field, s))}
                    />
                  ))}
                  {preview && (
                    <TableCell className="value-result" sx={{ wordBreak: "break-word" }}>
                      {formatFieldValue(preview[row.field]) || EMPTY}
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
    </SectionCard>
  );
}
