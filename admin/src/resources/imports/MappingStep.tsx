import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { mappingTargetLabel } from "../../components/mappingTargetModel.ts";
import type { ImportRecord, ImportSettingsForm } from "./importModel.ts";
import { type ColumnMapping, hasContactMapped, mappingProblems, repeatedTargets, sampleValues } from "./mappingModel.ts";
import { MappingTargetSelect } from "./MappingTargetSelect.tsx";
import { MappingTemplates } from "./MappingTemplates.tsx";

/** One row per column of the file: its name, a few values, and where it goes; the API's proposal comes preselected. */
export function MappingStep({
  imp,
  mapping,
  onChange,
  serverErrors = {},
  settings,
  onSettings,
  onBack,
  onNext,
}: {
  imp: ImportRecord;
  mapping: ColumnMapping;
  /** The API's 422 `import_invalid_mapping` details, per header, from the last attempt to start. */
  serverErrors?: Record<string, string>;
  onChange: (mapping: ColumnMapping) => void;
  settings: ImportSettingsForm;
  onSettings: (settings: ImportSettingsForm) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const headers = imp.headers ?? [];
  const problems = mappingProblems(mapping);
  const repeated = repeatedTargets(mapping);
  const proposed = imp.proposed_mapping ?? {};
  return (
    <Box data-testid="import-mapping">
      <Box sx={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 2, flexWrap: "wrap", mb: 2 }}>
        <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 560 }}>
          Pick the lead field each column fills. Columns left “not mapped” are kept as custom fields or skipped, as chosen on the next step.
        </Typography>
        <MappingTemplates
          headers={headers}
          mapping={mapping}
          onMapping={onChange}
          settings={settings}
          onSettings={onSettings}
          suggestedName={imp.filename.replace(/\.(csv|tsv|txt)$/i, "")}
        />
      </Box>
      {!hasContactMapped(mapping) && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="no-contact-warning">
          Neither email nor phone is mapped: every row would be rejected, since a lead needs one of them to reach the person.
        </Alert>
      )}
      {repeated.length > 0 && (
        <Alert severity="info" sx={{ mb: 2 }}>
          More than one column goes to {repeated.map(mappingTargetLabel).join(", ")}: a lead keeps one value there; a second phone becomes
          the alternate phone, other extra values custom fields.
        </Alert>
      )}
      <TableContainer sx={{ border: 1, borderColor: "divider", borderRadius: 1 }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell sx={{ fontWeight: 600, width: "25%" }}>Column in the file</TableCell>
              <TableCell sx={{ fontWeight: 600, width: "35%" }}>Sample values</TableCell>
              <TableCell sx={{ fontWeight: 600 }}>Maps to</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {headers.map((header, column) => {
              const target = mapping[header] ?? "";
              const changed = (proposed[header] ?? "") !== target;
              return (
                <TableRow key={`${column}-${header}`} className="mapping-row" data-header={header}>
                  <TableCell sx={{ fontWeight: 600, wordBreak: "break-word" }}>
                    {header || <em>(column {column + 1})</em>}
                    {changed && (
                      <Typography variant="caption" color="text.secondary" component="div">
                        proposed: {mappingTargetLabel(proposed[header]) || "not mapped"}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    {sampleValues(imp.preview ?? [], column).map((v, i) => (
                      <Typography key={i} variant="body2" color="text.secondary" noWrap sx={{ maxWidth: 320 }} title={v}>
                        {v}
                      </Typography>
                    ))}
                  </TableCell>
                  <TableCell>
                    <MappingTargetSelect
                      header={header}
                      target={target}
                      error={problems[header] ?? serverErrors[header]}
                      onChange={(next) => onChange({ ...mapping, [header]: next })}
                    />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <Box sx={{ display: "flex", justifyContent: "space-between", mt: 2 }}>
        <Button onClick={onBack}>Back</Button>
        <Button variant="contained" onClick={onNext} disabled={Object.keys(problems).length > 0} data-testid="mapping-next">
          Next: options
        </Button>
      </Box>
    </Box>
  );
}
