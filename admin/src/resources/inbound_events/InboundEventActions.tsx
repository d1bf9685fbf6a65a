import { useState } from "react";
import ReplayIcon from "@mui/icons-material/ReplayOutlined";
import DownloadIcon from "@mui/icons-material/DownloadOutlined";
import { Button, Confirm, ListButton, TopToolbar, useDataProvider, useNotify, useRecordContext, useRefresh } from "react-admin";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import { saveFile } from "../../data/files.ts";
import { canReplay } from "./inboundEventModel.ts";

/** Runs a failed event through intake again, e.g. after its partner's field mapping was fixed. */
function ReplayButton() {
  const event = useRecordContext<{ id: string; status: string }>();
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!canReplay(event)) return null;
  const replay = async () => {
    setBusy(true);
    try {
      await dataProvider.replayInboundEvent(String(event!.id));
      notify("Replaying: the event is back in the intake queue", { type: "success" });
      setOpen(false);
      refresh();
    } catch (error) {
      notify((error as Error).message || "Could not replay the event", { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button label="Replay" color="warning" onClick={() => setOpen(true)} data-testid="replay-event">
        <ReplayIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="Replay this event?"
        content="It runs through intake again with the current mappings and rules. A lead it creates or updates is real."
        confirm="Replay"
        onConfirm={replay}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

/** The message or body exactly as it arrived, as a file (fetched with the session's token). */
function DownloadRawButton() {
  const event = useRecordContext<{ id: string }>();
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (!event) return null;
  const download = async () => {
    setBusy(true);
    try {
      saveFile(await dataProvider.downloadInboundRaw(String(event.id)));
    } catch (error) {
      notify((error as Error).message || "Could not download the raw message", { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label="Download raw" onClick={download} disabled={busy} data-testid="download-raw">
      <DownloadIcon />
    </Button>
  );
}

export function InboundEventActions() {
  return (
    <TopToolbar>
      <ListButton label="All events" />
      <DownloadRawButton />
      <ReplayButton />
    </TopToolbar>
  );
}
