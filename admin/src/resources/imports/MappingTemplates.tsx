import { useState } from "react";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import TextField from "@mui/material/TextField";
import SaveIcon from "@mui/icons-material/BookmarkAddOutlined";
import { useDataProvider, useGetList, useNotify } from "react-admin";
import { type ImportSettingsForm, type ImportTemplate, settingsForm, settingsPayload } from "./importModel.ts";
import { type ColumnMapping, applyTemplate, mappingPayload } from "./mappingModel.ts";

/**
 * Saved mappings, for the next export from the same CRM: apply one to this file's columns, or save
 * the current mapping (and defaults) under a name; saving under an existing name replaces it.
 */
export function MappingTemplates({
  headers,
  mapping,
  onMapping,
  settings,
  onSettings,
  suggestedName,
}: {
  headers: readonly string[];
  mapping: ColumnMapping;
  onMapping: (mapping: ColumnMapping) => void;
  settings: ImportSettingsForm;
  onSettings: (settings: ImportSettingsForm) => void;
  suggestedName: string;
}) {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const { data: templates = [], refetch } = useGetList<ImportTemplate>("import_templates", {
    pagination: { page: 1, perPage: 100 },
    sort: { field: "name", order: "ASC" },
  });
  const [saving, setSaving] = useState(false);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(suggestedName);

  const apply = (id: string) => {
    const template = templates.find((t) => String(t.id) === id);
    if (!template) return;
    const { mapping: next, matched } = applyTemplate(headers, mapping, template.mapping ?? {});
    onMapping(next);
    if (template.defaults || template.options) onSettings(settingsForm(template.defaults, template.options));
    notify(`Template “${template.name}” applied to ${matched} of ${headers.length} columns`, { type: matched ? "info" : "warning" });
  };

  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    setSaving(true);
    try {
      const data = { name: trimmed, mapping: mappingPayload(mapping), ...settingsPayload(settings) };
      const existing = templates.find((t) => t.name.toLowerCase() === trimmed.toLowerCase());
      if (existing) await dataProvider.update("import_templates", { id: existing.id, data, previousData: existing });
      else await dataProvider.create("import_templates", { data });
      notify(existing ? `Template “${trimmed}” updated` : `Template “${trimmed}” saved`, { type: "success" });
      setOpen(false);
      await refetch();
    } catch (error) {
      notify((error as Error).message || "Could not save the template", { type: "error" });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box sx={{ display: "flex", gap: 1, alignItems: "center", flexWrap: "wrap" }}>
      <TextField
        select
        size="small"
        value=""
        onChange={(e) => apply(e.target.value)}
        disabled={templates.length === 0}
        slotProps={{ select: { native: true }, htmlInput: { "aria-label": "Apply a saved template", "data-testid": "apply-template" } }}
        sx={{ minWidth: 240 }}
      >
        <option value="">{templates.length ? "Apply a saved template…" : "No saved templates"}</option>
        {templates.map((t) => (
          <option key={t.id} value={String(t.id)}>
            {t.name}
          </option>
        ))}
      </TextField>
      <Button startIcon={<SaveIcon />} onClick={() => setOpen(true)} data-testid="save-template">
        Save as template
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="xs" fullWidth>
        <DialogTitle>Save this mapping as a template</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            margin="dense"
            label="Template name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === "Enter" && void save()}
            helperText={
              templates.some((t) => t.name.toLowerCase() === name.trim().toLowerCase())
                ? "Replaces the template of this name"
                : "e.g. HubSpot contacts export"
            }
            slotProps={{ htmlInput: { maxLength: 200, "data-testid": "template-name" } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="contained" onClick={save} disabled={saving || !name.trim()} data-testid="confirm-save-template">
            Save
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
