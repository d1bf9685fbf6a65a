import Box from "@mui/material/Box";
import { useMemo } from "react";
import Alert from "@mui/material/Alert";
import LinearProgress from "@mui/material/LinearProgress";
import { Title } from "react-admin";
import type { Opportunity } from "../resources/opportunities/opportunityModel.ts";
import { stageColumns } from "../resources/pipeline_stages/stageModel.ts";
import { BoardHeader } from "./BoardHeader.tsx";
import { DealCard } from "./DealCard.tsx";
import { KanbanBoard } from "./KanbanBoard.tsx";
import { useBoard } from "./useBoard.ts";
import { useOwnerFilter } from "./useOwnerFilter.ts";
import { useStageBlockers } from "./useStageBlockers.ts";
import { usePipelineStages } from "./usePipelineStages.ts";

// Biggest deals first: the first page of a long column is the one worth reading.
const SORT = { field: "value", order: "DESC" } as const;

/** Deals by stage: drag a card (or lift it with space, move with arrows) to move the deal; a card names the required tasks in its way. */
export function PipelinePage() {
  const { stages, isPending, error } = usePipelineStages();
  const { owner, setOwner, me } = useOwnerFilter("pipeline");
  const columns = useMemo(() => stageColumns(stages), [stages]);
  const filter = useMemo(() => (owner ? { owner_id: owner } : {}), [owner]);
  const { board, more, move } = useBoard<Opportunity>({
    resource: "opportunities",
    groupField: "stage_id",
    columns,
    valueField: "value",
    filter,
    sort: SORT,
  });
  const blockers = useStageBlockers(board);
  return (
    // A grid cell of minmax(0, 1fr) keeps the board within the page: its columns scroll sideways instead.
    <Box sx={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)" }}>
      <Title title="Pipeline" />
      <BoardHeader view="deals" owner={owner} me={me} onOwner={setOwner} />
      {isPending && <LinearProgress aria-label="Loading" />}
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      <KanbanBoard
        testId="pipeline-board"
        columns={columns}
        board={board}
        valueOf={(deal) => deal.value}
        renderCard={(deal) => <DealCard deal={deal} blockedBy={blockers[deal.id]} />}
        onMove={(id, to) => void move(id, to)}
        onMore={(id) => void more(id)}
      />
    </Box>
  );
}
