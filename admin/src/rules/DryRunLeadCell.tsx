import Link from "@mui/material/Link";
import TableCell from "@mui/material/TableCell";
import Typography from "@mui/material/Typography";
import { Link as RouterLink } from "react-router-dom";

/** A dry run's lead: its name linking to the lead, its number beneath. */
export function DryRunLeadCell({ id, name, number }: { id: string; name: string; number: string }) {
  return (
    <TableCell>
      <Link component={RouterLink} to={`/leads/${encodeURIComponent(id)}/show`} sx={{ fontWeight: 600 }}>
        {name}
      </Link>
      <Typography variant="caption" color="text.secondary" component="div" sx={{ fontFamily: "monospace", whiteSpace: "nowrap" }}>
        {number}
      </Typography>
    </TableCell>
  );
}
