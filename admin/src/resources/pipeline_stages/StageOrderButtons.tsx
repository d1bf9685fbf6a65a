import IconButton from "@mui/material/IconButton";
import UpIcon from "@mui/icons-material/KeyboardArrowUp";
import DownIcon from "@mui/icons-material/KeyboardArrowDown";
import { useDataProvider, useListContext, useNotify, useRecordContext, useRefresh } from "react-admin";
import { useState } from "react";
import type { PipelineStage } from "./stageModel.ts";
import { swapPositions } from "./stageModel.ts";

/** Up and down arrows: a stage swaps places with its neighbour (two PUTs of position). */
export function StageOrderButtons(_: { label?: string }) {
  const stage = useRecordContext<PipelineStage>();
  const { data = [] } = useListContext<PipelineStage>();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!stage) return null;
  const move = async (direction: -1 | 1) => {
    const changes = swapPositions(data, stage.id, direction);
    if (!changes.length) return;
    setBusy(true);
    try {
      for (const c of changes) await dataProvider.update("pipeline_stages", { id: c.id, data: { position: c.position }, previousData: c });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  const index = data.findIndex((s) => s.id === stage.id);
  return (
    <span onClick={(e) => e.stopPropagation()}>
      <IconButton size="small" aria-label={`Move ${stage.name} up`} disabled={busy || index <= 0} onClick={() => void move(-1)}>
        <UpIcon fontSize="small" />
      </IconButton>
      <IconButton
        size="small"
        aria-label={`Move ${stage.name} down`}
        disabled={busy || index < 0 || index >= data.length - 1}
        onClick={() => void move(1)}
      >
        <DownIcon fontSize="small" />
      </IconButton>
    </span>
  );
}
