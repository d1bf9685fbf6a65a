import { useState } from "react";
import Box from "@mui/material/Box";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { ShowMore } from "../rules/ShowMore.tsx";
import { type AssignmentDryRun, assignmentDryRunSummary, ownerMoves, ownerName } from "./assignmentModel.ts";
import { DryRunLeadCell } from "../rules/DryRunLeadCell.tsx";

/** Rows shown at first: the summary and the counts above already take in the rest. */
const PAGE = 25;

export function AssignmentDryRunResult({ run }: { run: AssignmentDryRun }) {
  const [shown, setShown] = useState(PAGE);
  const moves = ownerMoves(run);
  return (
    <>
      <Typography variant="body2" sx={{ fontWeight: 600, mb: 1 }} className="dry-run-summary">
        {assignmentDryRunSummary(run)}
      </Typography>
      {moves.length > 0 && (
        <Table size="small" sx={{ mb: 2, maxWidth: 420 }} aria-label="Leads gained and lost per owner">
          <TableHead>
            <TableRow>
              <TableCell>Owner</TableCell>
              <TableCell align="right">Would gain</TableCell>
              <TableCell align="right">Would lose</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {moves.map((m) => (
              <TableRow key={m.owner}>
                <TableCell>{m.owner}</TableCell>
                <TableCell align="right" sx={{ color: m.gains ? "success.main" : "text.secondary" }}>
                  {m.gains || "—"}
                </TableCell>
                <TableCell align="right" sx={{ color: m.losses ? "error.main" : "text.secondary" }}>
                  {m.losses || "—"}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {run.changes.length > 0 && (
        <Table size="small" aria-label="Leads that would move" data-testid="dry-run-changes">
          <TableHead>
            <TableRow>
              <TableCell>Lead</TableCell>
              <TableCell>Owner now</TableCell>
              <TableCell>Would go to</TableCell>
              <TableCell>By rule</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {run.changes.slice(0, shown).map((c) => (
              <TableRow key={c.lead_id} className="dry-run-change" data-lead={c.lead_id}>
                <DryRunLeadCell id={c.lead_id} name={c.name} number={c.lead_number} />
                <TableCell>{ownerName(c.from_owner, c.from_owner_id)}</TableCell>
                <TableCell className="dry-run-owner">
                  <b>{ownerName(c.to_owner, c.to_owner_id)}</b>
                </TableCell>
                <TableCell>
                  <Box component="span" sx={{ color: c.rule ? "text.primary" : "text.secondary" }}>
                    {c.rule ?? "no rule: fallback owner"}
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
