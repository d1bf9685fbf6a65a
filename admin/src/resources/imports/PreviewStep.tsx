import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { type ImportRecord, delimiterLabel, formatBytes } from "./importModel.ts";

const cell = { maxWidth: 220, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" } as const;

/** The file as the API read it: detected encoding and separator, and its first rows, to check before mapping. */
export function PreviewStep({ imp, onBack, onNext }: { imp: ImportRecord; onBack: () => void; onNext: () => void }) {
  const headers = imp.headers ?? [];
  const rows = imp.preview ?? [];
  return (
    <Box data-testid="import-preview">
      <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap", alignItems: "center", mb: 2 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mr: 1, wordBreak: "break-all" }}>
          {imp.filename}
        </Typography>
        <Chip size="small" label={formatBytes(imp.size_bytes)} />
        <Chip size="small" label={`Encoding: ${imp.encoding}`} data-testid="detected-encoding" />
        <Chip size="small" label={`Separator: ${delimiterLabel(imp.delimiter)}`} data-testid="detected-delimiter" />
        <Chip size="small" label={`${headers.length} columns`} />
        <Chip size="small" label={`about ${Number(imp.total_rows || 0).toLocaleString("en-IN")} rows`} />
        {!imp.has_header && <Chip size="small" color="warning" label="No header row: columns are numbered" />}
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        The first {rows.length} {rows.length === 1 ? "row" : "rows"}. If the columns look jumbled, the file may use another separator or
        encoding: save it again as “CSV UTF-8” and upload it again.
      </Typography>
      <TableContainer sx={{ maxHeight: 480, border: 1, borderColor: "divider", borderRadius: 1 }}>
        <Table size="small" stickyHeader>
          <TableHead>
            <TableRow>
              <TableCell sx={{ color: "text.secondary", width: 40 }}>#</TableCell>
              {headers.map((h, i) => (
                <TableCell key={i} sx={{ ...cell, fontWeight: 600 }} title={h}>
                  {h}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row, r) => (
              <TableRow key={r} className="preview-row">
                <TableCell sx={{ color: "text.secondary" }}>{r + 1}</TableCell>
                {headers.map((_, c) => (
                  <TableCell key={c} sx={cell} title={row[c] ?? ""}>
                    {row[c] ?? ""}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Box sx={{ display: "flex", justifyContent: "space-between", mt: 2 }}>
        <Button onClick={onBack}>Choose another file</Button>
        <Button variant="contained" onClick={onNext} data-testid="preview-next">
          Next: map the columns
        </Button>
      </Box>
    </Box>
  );
}
