import type { ReactNode } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Typography from "@mui/material/Typography";
import KeyIcon from "@mui/icons-material/KeyOutlined";
import { CopyButton } from "./CopyButton.tsx";
import type { PartnerSecrets } from "../resources/partners/partnerModel.ts";

function SecretRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Box
        sx={{
          display: "flex",
          alignItems: "center",
          gap: 1,
          bgcolor: "#0f172a",
          color: "#e2e8f0",
          borderRadius: 1.5,
          pl: 1.5,
          pr: 0.5,
          py: 0.5,
        }}
      >
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

/**
 * A partner's API key and signing secret, shown by the one response that carries them (creation,
 * rotation). The console keeps them nowhere: closing the dialog forgets them.
 */
export function SecretsRevealDialog({
  open,
  secrets,
  title = "Partner credentials",
  warning,
  onClose,
}: {
  open: boolean;
  secrets: PartnerSecrets | null;
  title?: string;
  warning?: ReactNode;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} maxWidth="sm" fullWidth data-testid="secrets-dialog">
      <DialogTitle sx={{ display: "flex", alignItems: "center", gap: 1 }}>
        <KeyIcon color="primary" /> {title}
      </DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {warning ?? (
            <>
              Copy these now and hand them to the partner securely. They are <strong>not shown again</strong>: leadhub keeps only a hash of
              the key. If they are lost, rotate them from the partner's page.
            </>
          )}
        </Alert>
        {secrets ? (
          <>
            <SecretRow label="API key" value={secrets.apiKey} testId="partner-api-key" />
            <SecretRow label="Signing secret" value={secrets.signingSecret} testId="partner-signing-secret" />
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
        <Button variant="contained" onClick={onClose}>
          I have stored them
        </Button>
      </DialogActions>
    </Dialog>
  );
}
