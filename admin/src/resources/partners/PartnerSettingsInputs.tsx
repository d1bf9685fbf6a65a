import { useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import AddIcon from "@mui/icons-material/Add";
import ArrowIcon from "@mui/icons-material/ArrowForward";
import DeleteIcon from "@mui/icons-material/DeleteOutlined";
import { useInput } from "react-admin";
import { MappingTargetInput } from "../../components/MappingTargetInput.tsx";
import { type MappingRow, SECRET_SETTINGS, duplicateMappingKeys, mappingToRows, rowsToMapping } from "./partnerModel.ts";

const keepAsTyped = (v: string | null | undefined) => v;

/**
 * A write-only secret: empty keeps what is stored, text replaces it, "Remove" sends null. The API
 * never answers secrets, so the input never shows one.
 */
function SecretSettingInput({ secretKey, label, help }: { secretKey: string; label: string; help: string }) {
  const { field } = useInput<string | null | undefined>({ source: `secret_edits.${secretKey}`, parse: keepAsTyped, format: keepAsTyped });
  const removing = field.value === null;
  return (
    <Box sx={{ display: "flex", gap: 1, alignItems: "flex-start" }}>
      <TextField
        size="small"
        type="password"
        fullWidth
        label={label}
        value={removing ? "" : (field.value ?? "")}
        disabled={removing}
        onChange={(e) => field.onChange(e.target.value)}
        placeholder={removing ? "" : "Leave empty to keep the stored value"}
        helperText={removing ? "Will be removed when you save" : help}
        autoComplete="new-password"
        slotProps={{ htmlInput: { "aria-label": label, "data-secret": secretKey }, inputLabel: { shrink: true } }}
      />
      <Button
        size="small"
        sx={{ mt: 0.5, flexShrink: 0 }}
        color={removing ? "primary" : "inherit"}
        onClick={() => field.onChange(removing ? undefined : null)}
      >
        {removing ? "Undo" : "Remove"}
      </Button>
    </Box>
  );
}

export function PartnerSecretsInputs() {
  return (
    <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", md: "1fr 1fr" } }} data-testid="partner-secrets">
      {SECRET_SETTINGS.map((s) => (
        <SecretSettingInput key={s.key} secretKey={s.key} label={s.label} help={s.help} />
      ))}
    </Box>
  );
}

let nextKey = 0;

/** Rows of "sender key → lead field", kept as typed; the form value is the `{key: field}` object the API stores. */
export function FieldMappingInput() {
  const { field } = useInput<Record<string, string>>({ source: "settings.field_mapping" });
  const [rows, setRows] = useState<(MappingRow & { key: number })[]>(() =>
    mappingToRows(field.value).map((r) => ({ ...r, key: ++nextKey })),
  );
  const update = (next: (MappingRow & { key: number })[]) => {
    setRows(next);
    field.onChange(rowsToMapping(next));
  };
  const duplicates = duplicateMappingKeys(rows);
  return (
    <Box sx={{ display: "flex", flexDirection: "column", gap: 1 }} data-testid="field-mapping">
      {rows.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          No mapping: leadhub reads common field names on its own ("Full Name", "Mobile", "E-mail" …). Map the keys it cannot guess; the
          schema-drift table on the partner's page lists them.
        </Typography>
      )}
      {rows.map((row, i) => (
        <Box
          key={row.key}
          sx={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr) 24px minmax(0, 1fr) 40px", gap: 1, alignItems: "start" }}
          className="mapping-row"
        >
          <TextField
            size="small"
            label="Sender's key"
            value={row.from}
            onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, from: e.target.value } : r)))}
            error={duplicates.includes(row.from.trim())}
            helperText={duplicates.includes(row.from.trim()) ? "Mapped twice: the last row wins" : undefined}
            slotProps={{ htmlInput: { "aria-label": "Sender's key", style: { fontFamily: "monospace", fontSize: 13 } } }}
          />
          <ArrowIcon fontSize="small" sx={{ color: "text.secondary", mt: 1 }} />
          <MappingTargetInput
            value={row.to}
            onChange={(to) => update(rows.map((r, j) => (j === i ? { ...r, to } : r)))}
            label="Lead field"
          />
          <Tooltip title="Remove row">
            <IconButton size="small" aria-label="Remove mapping" onClick={() => update(rows.filter((_, j) => j !== i))} sx={{ mt: 0.5 }}>
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        </Box>
      ))}
      {rows.some((r) => (r.from.trim() === "") !== (r.to.trim() === "")) && <Alert severity="info">Half-filled rows are not saved.</Alert>}
      <Box>
        <Button startIcon={<AddIcon />} onClick={() => update([...rows, { from: "", to: "", key: ++nextKey }])}>
          Add mapping
        </Button>
      </Box>
    </Box>
  );
}
