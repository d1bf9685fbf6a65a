import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Skeleton from "@mui/material/Skeleton";
import Typography from "@mui/material/Typography";
import BlockIcon from "@mui/icons-material/BlockOutlined";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  BooleanInput,
  Form,
  NumberInput,
  SaveButton,
  TextInput,
  Title,
  useAuthenticated,
  useDataProvider,
  useNotify,
  usePermissions,
} from "react-admin";
import { Link } from "react-router-dom";
import type { Permissions } from "../auth/sessionModel.ts";
import { SectionCard } from "../components/SectionCard.tsx";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import { QuietHoursInput } from "./QuietHoursInput.tsx";
import { MailBanner } from "./MailBanner.tsx";
import { type NurtureSettings, settingsPayload, validateSettings } from "./settingsModel.ts";

const QUERY_KEY = ["nurture", "settings"];
const validate = (values: Record<string, unknown>) => validateSettings(values as Partial<NurtureSettings>);

/** The tenant's mail settings for every sequence: sender, footer, tracking, consent, pace and quiet hours. */
export function NurtureSettingsPage() {
  // Custom routes are not guarded by react-admin; this redirects to /login when the session is gone.
  useAuthenticated();
  const { permissions } = usePermissions<Permissions>();
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { data, error, isPending } = useQuery({ queryKey: QUERY_KEY, queryFn: () => dataProvider.getNurtureSettings() });
  // The API lets only admins change them; managers and marketers read them.
  const canEdit = permissions?.role === "admin";

  const save = async (values: Record<string, unknown>) => {
    try {
      queryClient.setQueryData(QUERY_KEY, await dataProvider.saveNurtureSettings(settingsPayload(values as Partial<NurtureSettings>)));
      notify("Nurture settings saved", { type: "success" });
    } catch (err) {
      notify((err as Error).message || "Could not save the settings", { type: "error" });
    }
  };

  return (
    <Box sx={{ py: 2 }} data-testid="nurture-settings">
      <Title title="Nurture settings" />
      <Box sx={{ display: "flex", alignItems: "baseline", justifyContent: "space-between", flexWrap: "wrap", gap: 1, mb: 2 }}>
        <Box>
          <Typography variant="h5" component="h1">
            Nurture settings
          </Typography>
          <Typography variant="body2" color="text.secondary">
            How every sequence's mail goes out: who it is from, what it tracks, and when it may not be sent
          </Typography>
        </Box>
        <Button component={Link} to="/suppressions" size="small" startIcon={<BlockIcon />}>
          Suppressions
        </Button>
      </Box>
      <MailBanner />
      {error && <Alert severity="error">Could not load the settings: {(error as Error).message}</Alert>}
      {isPending && <Skeleton variant="rounded" height={300} />}
      {data && (
        <Form record={data} onSubmit={save} validate={validate} disabled={!canEdit}>
          <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "1fr 1fr" }, alignItems: "start" }}>
            <SectionCard title="Sender">
              <TextInput source="from_name" label="From name" fullWidth />
              <TextInput source="from_email" label="From address" fullWidth />
              <TextInput
                source="footer"
                label="Footer"
                multiline
                minRows={3}
                fullWidth
                helperText="Added to every email; your postal address belongs here"
              />
            </SectionCard>
            <SectionCard title="Sending">
              <BooleanInput source="require_consent" label="Only mail leads who gave consent" />
              <BooleanInput source="track_opens" label="Track opens (a pixel)" />
              <BooleanInput source="track_clicks" label="Track clicks (links go through leadhub)" />
              <NumberInput source="send_rate_per_minute" label="At most … emails per minute" min={1} helperText="Empty: no limit" />
              <QuietHoursInput label="Quiet hours (in the lead's time zone)" />
            </SectionCard>
          </Box>
          {canEdit ? (
            <Box sx={{ mt: 2 }}>
              <SaveButton data-testid="save-nurture-settings" />
            </Box>
          ) : (
            <Alert severity="info" sx={{ mt: 2 }}>
              Only admins change these settings.
            </Alert>
          )}
        </Form>
      )}
    </Box>
  );
}
