import { useState } from "react";
import Box from "@mui/material/Box";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { ShowMore } from "../rules/ShowMore.tsx";
import { ToneChip } from "../components/ToneChip.tsx";
import { pointsTone, signed } from "../resources/leads/scoreHistoryModel.ts";
import { type ScoringDryRun, gradeRows, scoreDelta, scoringDryRunSummary } from "./scoringModel.ts";
import { DryRunLeadCell } from "../rules/DryRunLeadCell.tsx";

/** Rows shown at first: the summary and the counts above already take in the rest. */
const PAGE = 25;

export function ScoringDryRunResult({ run }: { run: ScoringDryRun }) {
  const [shown, setShown] = useState(PAGE);
  return (
    <>
      <Typography variant="body2" sx={{ fontWeight: 600, mb: 1 }} className="dry-run-summary">
        {scoringDryRunSummary(run)}
      </Typography>
      <Table size="small" sx={{ mb: 2, maxWidth: 360 }} aria-label="Leads per grade">
        <TableHead>
          <TableRow>
            <TableCell>Grade</TableCell>
            <TableCell align="right">Now</TableCell>
            <TableCell align="right">After</TableCell>
            <TableCell align="right">Change</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {gradeRows(run.grades).map((g) => (
            <TableRow key={g.grade}>
              <TableCell>{g.grade}</TableCell>
              <TableCell align="right">{g.before}</TableCell>
              <TableCell align="right">{g.after}</TableCell>
              <TableCell align="right" sx={{ color: g.delta > 0 ? "success.main" : g.delta < 0 ? "error.main" : "text.secondary" }}>
                {g.delta ? signed(g.delta) : "—"}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {run.changes.length > 0 && (
        <Table size="small" aria-label="Leads that would change" data-testid="dry-run-changes">
          <TableHead>
            <TableRow>
              <TableCell>Lead</TableCell>
              <TableCell align="right">Score</TableCell>
              <TableCell>Grade</TableCell>
              <TableCell>Rules that match</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {run.changes.slice(0, shown).map((c) => (
              <TableRow key={c.lead_id} className="dry-run-change" data-lead={c.lead_id}>
                <DryRunLeadCell id={c.lead_id} name={c.name} number={c.lead_number} />
                <TableCell align="right" sx={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }} className="dry-run-score">
                  {c.from.score ?? 0} → <b>{c.to.score ?? 0}</b>{" "}
                  <Box component="span" sx={{ color: scoreDelta(c) > 0 ? "success.main" : "error.main" }}>
                    ({signed(scoreDelta(c))})
                  </Box>
                </TableCell>
                <TableCell sx={{ whiteSpace: "nowrap" }}>
                  {c.from.grade ?? "–"} → {c.to.grade ?? "–"}
                </TableCell>
                <TableCell>
                  <Box sx={{ display: "flex", gap: 0.5, flexWrap: "wrap" }}>
                    {c.rules.map((r) => (
                      <ToneChip key={r.id} label={`${signed(r.points)} ${r.name}`} tone={pointsTone(r.points)} />
                    ))}
                  </Box>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ShowMore shown={shown} total={run.changes.length} step={PAGE} onMore={() => setShown((n) => n + PAGE)} />
    </>
  );
}
