import { useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Typography from "@mui/material/Typography";
import KeyIcon from "@mui/icons-material/KeyOutlined";
import { Create, SimpleForm, TextInput, required, useRedirect } from "react-admin";
import { CopyButton } from "../../components/CopyButton.tsx";
import { type PartnerSecrets, secretsFromCreateResponse } from "./partnerModel.ts";

function SecretRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, bgcolor: "#0f172a", color: "#e2e8f0", borderRadius: 1.5, pl: 1.5, pr: 0.5, py: 0.5 }}>
        <Box component="code" data-testid={testId} sx={{ flex: 1, fontSize: 13, wordBreak: "break-all", fontFamily: "monospace" }}>
          {value}
        </Box>
        <Box sx={{ "& button": { color: "#e2e8f0" } }}>
          <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
        </Box>
      </Box>
    </Box>
  );
}

/** Credentials are returned by this one response only: shown once, never stored in the console. */
export function PartnerCreate() {
  const [created, setCreated] = useState<{ id: string; secrets: PartnerSecrets | null } | null>(null);
  const redirect = useRedirect();
  return (
    <>
      <Create
        title="New partner"
        redirect={false}
        mutationOptions={{
          onSuccess: (data: { id: string | number }) => setCreated({ id: String(data.id), secrets: secretsFromCreateResponse(data) }),
        }}
      >
        <SimpleForm sx={{ maxWidth: 600 }}>
          <TextInput source="name" validate={required()} fullWidth helperText="e.g. 99acres, MagicBricks, IndiaMART, an agency" />
          <TextInput source="description" multiline minRows={2} fullWidth />
        </SimpleForm>
      </Create>
      <Dialog open={created !== null} maxWidth="sm" fullWidth>
        <DialogTitle sx={{ display: "flex", alignItems: "center", gap: 1 }}>
          <KeyIcon color="primary" /> Partner credentials
        </DialogTitle>
        <DialogContent>
          <Alert severity="warning" sx={{ mb: 2 }}>
            Copy these now and hand them to the partner securely. They are <strong>not shown again</strong>: leadhub
            keeps only a hash of the key. If they are lost, create a new partner.
          </Alert>
          {created?.secrets ? (
            <>
              <SecretRow label="API key" value={created.secrets.apiKey} testId="partner-api-key" />
              <SecretRow label="Signing secret" value={created.secrets.signingSecret} testId="partner-signing-secret" />
              <Typography variant="body2" color="text.secondary">
                The partner sends leads to <code>POST /ingest/leads</code> with <code>Authorization: Bearer &lt;API key&gt;</code>; the
                signing secret verifies HMAC signatures on webhooks.
              </Typography>
            </>
          ) : (
            <Alert severity="error">The server did not return credentials for this partner.</Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button
            variant="contained"
            onClick={() => {
              const id = created?.id;
              setCreated(null);
              if (id) redirect("show", "partners", id);
            }}
          >
            I have stored them
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
