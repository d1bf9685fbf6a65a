import { useState } from "react";
import AutorenewIcon from "@mui/icons-material/AutorenewOutlined";
import { Button, Confirm, useDataProvider, useNotify, useRecordContext } from "react-admin";
import { SecretsRevealDialog } from "../../components/SecretsRevealDialog.tsx";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import type { PartnerSecrets } from "./partnerModel.ts";

/** New API key and signing secret; the old key stops working at once, so it asks first. */
export function PartnerRotateButton() {
  const partner = useRecordContext<{ id: string; name?: string }>();
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [secrets, setSecrets] = useState<PartnerSecrets | null>(null);
  if (!partner) return null;

  const rotate = async () => {
    setBusy(true);
    try {
      const result = await dataProvider.rotatePartnerKeys(String(partner.id));
      setConfirming(false);
      setSecrets({ apiKey: result.apiKey, signingSecret: result.signingSecret });
    } catch (error) {
      notify((error as Error).message || "Could not rotate the credentials", { type: "error" });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button label="Rotate key & secret" onClick={() => setConfirming(true)} data-testid="rotate-partner">
        <AutorenewIcon />
      </Button>
      <Confirm
        isOpen={confirming}
        loading={busy}
        title={`Rotate ${partner.name ?? "this partner"}'s credentials?`}
        content="A new API key and signing secret are made and shown once. The current key stops working immediately: every integration of this partner must switch to the new one."
        confirm="Rotate"
        confirmColor="warning"
        onConfirm={rotate}
        onClose={() => setConfirming(false)}
      />
      <SecretsRevealDialog
        open={secrets !== null}
        secrets={secrets}
        title="New partner credentials"
        warning={
          <>
            The previous key no longer works. Copy these now: they are <strong>not shown again</strong>.
          </>
        }
        onClose={() => setSecrets(null)}
      />
    </>
  );
}
