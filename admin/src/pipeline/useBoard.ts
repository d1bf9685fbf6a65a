import { useCallback, useEffect, useRef, useState } from "react";
import { type SortPayload, useDataProvider, useNotify } from "react-admin";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import {
  type Board,
  type BoardCard,
  type BoardColumnDef,
  PAGE_SIZE,
  confirmMove,
  emptyBoard,
  moveCard,
  nextPage,
  undoMove,
  withPage,
  withSummary,
} from "./boardModel.ts";

export interface BoardSource {
  resource: string;
  /** The column a record sits in, and what a drop writes. */
  groupField: string;
  columns: readonly BoardColumnDef[];
  /** The money a column header sums (the summary endpoint answers it under this name too). */
  valueField: string;
  filter: Record<string, unknown>;
  sort: SortPayload;
}

/**
 * One list request per column (the first PAGE_SIZE cards and the count), more on demand, one summary
 * request for every column's exact count and sum, and drops saved with a PUT of the group field:
 * shown at once, put back with the API's message when refused.
 */
export function useBoard<C extends BoardCard>({ resource, groupField, columns, valueField, filter, sort }: BoardSource) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const notify = useNotify();
  const [board, setBoard] = useState<Board<C>>(() => emptyBoard<C>(columns));
  const boardRef = useRef(board);
  boardRef.current = board;
  const key = JSON.stringify([resource, groupField, columns.map((c) => c.id), valueField, filter, sort]);
  // Answers to an older filter (a quick click on "Mine") must not land on the new board.
  const generation = useRef(0);

  const loadColumn = useCallback(
    async (columnId: string, page: number, gen: number) => {
      try {
        const { data, total } = await dataProvider.getList<C>(resource, {
          filter: { ...filter, [groupField]: columnId },
          pagination: { page, perPage: PAGE_SIZE },
          sort,
        });
        if (gen === generation.current) setBoard((b) => withPage(b, columnId, data, total ?? data.length, page > 1));
      } catch (error) {
        notify((error as Error).message, { type: "error" });
      }
    },
    // `key` stands for filter, sort and columns: new objects each render, the same query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, dataProvider, notify],
  );

  const loadSummary = useCallback(
    async (gen: number) => {
      try {
        const rows = await dataProvider.getBoardSummary(resource, filter);
        if (gen === generation.current) setBoard((b) => withSummary(b, rows, groupField, valueField));
      } catch (error) {
        // The headers fall back to the loaded cards' sum, marked as a floor.
        notify((error as Error).message, { type: "error" });
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- as above: `key` is the query
    [key, dataProvider, notify],
  );

  useEffect(() => {
    const gen = ++generation.current;
    setBoard(emptyBoard<C>(columns));
    void loadSummary(gen);
    for (const column of columns) void loadColumn(column.id, 1, gen);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the loaders change exactly when `key` (columns included) does
  }, [loadColumn, loadSummary]);

  const more = (columnId: string) => loadColumn(columnId, nextPage(boardRef.current[columnId]), generation.current);

  const move = async (id: string, to: string) => {
    const applied = moveCard(boardRef.current, id, to, groupField, (card) => card[valueField]);
    if (!applied) return;
    boardRef.current = applied.board;
    setBoard(applied.board);
    try {
      const { data } = await dataProvider.update<C>(resource, { id, data: { [groupField]: to }, previousData: applied.move.card });
      setBoard((b) => confirmMove(b, applied.move, data));
    } catch (error) {
      setBoard((b) => undoMove(b, applied.move));
      // The API's message names what is in the way (the open required tasks, or the stages allowed next).
      notify((error as Error).message, { type: "error", autoHideDuration: 8000 });
    }
  };

  return { board, more, move };
}
