import { useEffect, useMemo, useState } from "react";
import { useDataProvider } from "react-admin";
import type { Opportunity } from "../resources/opportunities/opportunityModel.ts";
import { type Board, type RequiredTask, stageBlockers } from "./boardModel.ts";

/** Ids per request: a URL of a few kilobytes, well under the server's header limit. */
const IDS_PER_REQUEST = 100;
/** A stage has a handful of task templates: ample for a hundred deals' open required tasks. */
const TASKS_PER_REQUEST = 1000;

/**
 * The open required tasks blocking each deal on the board, in one request for every card loaded
 * (again whenever a card loads or changes stage), so a card says up front what a move would be refused for.
 */
export function useStageBlockers(board: Board<Opportunity>): Record<string, string[]> {
  const dataProvider = useDataProvider();
  const cards = useMemo(() => Object.values(board).flatMap((column) => column.cards), [board]);
  const key = cards
    .map((c) => `${c.id}:${c.stage_id}`)
    .sort()
    .join(",");
  const [tasks, setTasks] = useState<RequiredTask[]>([]);
  useEffect(() => {
    const ids = key ? key.split(",").map((pair) => pair.split(":")[0]) : [];
    if (ids.length === 0) return;
    let current = true;
    const chunks = Array.from({ length: Math.ceil(ids.length / IDS_PER_REQUEST) }, (_, i) =>
      ids.slice(i * IDS_PER_REQUEST, (i + 1) * IDS_PER_REQUEST),
    );
    Promise.all(
      chunks.map((chunk) =>
        dataProvider.getList<RequiredTask & { id: string }>("tasks", {
          filter: { record_type: "opportunity", record_id: chunk, required: true, done_at: null },
          pagination: { page: 1, perPage: TASKS_PER_REQUEST },
          sort: { field: "due_at", order: "ASC" },
        }),
      ),
    ).then(
      (answers) => current && setTasks(answers.flatMap((a) => a.data)),
      // A failed lookup only leaves the cards without their hint; the API still refuses a blocked move.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [key, dataProvider]);
  return useMemo(() => stageBlockers(cards, tasks), [cards, tasks]);
}
