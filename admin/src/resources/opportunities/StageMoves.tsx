import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import { useNotify, useRecordContext, useRefresh, useUpdate } from "react-admin";
import { usePipelineStages } from "../../pipeline/usePipelineStages.ts";
import type { Opportunity } from "./opportunityModel.ts";

/** The pipeline as a row of stages, the deal's own filled in; a click moves it like a drag on the board. */
export function StageMoves() {
  const deal = useRecordContext<Opportunity>();
  const { stages } = usePipelineStages();
  const [update, { isPending }] = useUpdate();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!deal) return null;
  const move = (stageId: string) =>
    update(
      "opportunities",
      { id: deal.id, data: { stage_id: stageId }, previousData: deal },
      {
        mutationMode: "pessimistic",
        onSuccess: () => refresh(),
        onError: (error) => notify((error as Error).message, { type: "error", autoHideDuration: 8000 }),
      },
    );
  return (
    <Box sx={{ display: "flex", gap: 0.75, flexWrap: "wrap" }} data-testid="stage-moves">
      {stages.map((s) => {
        const current = s.id === deal.stage_id;
        return (
          <Chip
            key={s.id}
            label={s.name}
            size="small"
            className={current ? "stage-current" : "stage-move"}
            disabled={isPending}
            onClick={current ? undefined : () => move(s.id)}
            sx={current ? { bgcolor: s.color ?? undefined, color: "#fff", fontWeight: 700 } : { borderColor: s.color ?? undefined }}
            variant={current ? "filled" : "outlined"}
          />
        );
      })}
    </Box>
  );
}
