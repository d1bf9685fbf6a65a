import { useState } from "react";
import Alert from "@mui/material/Alert";
import Autocomplete from "@mui/material/Autocomplete";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Skeleton from "@mui/material/Skeleton";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import SaveIcon from "@mui/icons-material/SaveOutlined";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useDataProvider, useNotify } from "react-admin";
import { SectionCard } from "../components/SectionCard.tsx";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import type { Person } from "./usePeople.ts";

const QUERY_KEY = ["assignment_settings"];

/** The fallback owner: who gets a lead no rule matches, or whose rule's team has nobody available. */
export function AssignmentSettingsCard({ canEdit, users }: { canEdit: boolean; users: Person[] }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { data, error, isPending } = useQuery({ queryKey: QUERY_KEY, queryFn: () => dataProvider.getAssignmentSettings() });
  const [picked, setPicked] = useState<string | null | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const current = picked === undefined ? (data?.fallback_user_id ?? null) : picked;
  const dirty = picked !== undefined && picked !== (data?.fallback_user_id ?? null);

  const save = async () => {
    setSaving(true);
    try {
      queryClient.setQueryData(QUERY_KEY, await dataProvider.saveAssignmentSettings({ fallback_user_id: current }));
      setPicked(undefined);
      notify("Fallback owner saved", { type: "success" });
    } catch (err) {
      notify((err as Error).message || "Could not save the fallback owner", { type: "error" });
    } finally {
      setSaving(false);
    }
  };

  return (
    <SectionCard title="Fallback owner" id="assignment-settings">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        Gets the leads no rule matches, and those whose team has nobody available (out of office, off hours, at capacity). Without one, such
        leads stay unassigned.
      </Typography>
      {error && <Alert severity="error">Could not load the setting: {(error as Error).message}</Alert>}
      {isPending ? (
        <Skeleton variant="rounded" height={40} />
      ) : (
        <Box sx={{ display: "flex", gap: 1, alignItems: "center", flexWrap: "wrap" }}>
          <Autocomplete<Person>
            size="small"
            options={users.filter((u) => u.is_active !== false)}
            value={users.find((u) => u.id === current) ?? null}
            getOptionLabel={(u) => u.name}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            onChange={(_, u) => setPicked(u?.id ?? null)}
            disabled={!canEdit || saving}
            sx={{ flex: 1, minWidth: 220 }}
            renderInput={(params) => (
              <TextField
                {...params}
                label="Fallback owner"
                placeholder="Nobody: leave unassigned"
                slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, name: "fallback_user" } }}
              />
            )}
          />
          {canEdit && (
            <Button
              variant="contained"
              startIcon={<SaveIcon />}
              onClick={save}
              disabled={!dirty || saving}
              data-testid="save-assignment-settings"
            >
              {saving ? "Saving…" : "Save"}
            </Button>
          )}
        </Box>
      )}
      {!canEdit && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          Only admins change the fallback owner.
        </Typography>
      )}
    </SectionCard>
  );
}
