import type { ReactNode } from "react";
import { DragDropContext, Draggable, Droppable, type DropResult } from "@hello-pangea/dnd";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { type Board, type BoardCard, type BoardColumnDef, PAGE_SIZE, columnHeadline, columnSummary } from "./boardModel.ts";

/** Wide enough for a deal's name and value; narrow enough that a seven-stage pipeline nearly fits 1440 px. */
const COLUMN_WIDTH = 236;

/**
 * Columns side by side, scrolled sideways with a scrollbar that stays visible; cards move between
 * them with @hello-pangea/dnd, which drags by mouse, by touch and by keyboard (focus a card, space to
 * lift, arrows to move, space to drop, escape to cancel) and announces each step to screen readers.
 * Each column shows at most the pages it has loaded.
 */
export function KanbanBoard<C extends BoardCard>({
  columns,
  board,
  valueOf,
  renderCard,
  onMove,
  onMore,
  testId,
}: {
  columns: readonly BoardColumnDef[];
  board: Board<C>;
  valueOf?: (card: C) => unknown;
  renderCard: (card: C) => ReactNode;
  onMove: (cardId: string, to: string) => void;
  onMore: (columnId: string) => void;
  testId: string;
}) {
  // The order inside a column is the list's sort (value, score), so only a change of column is a move.
  const onDragEnd = ({ draggableId, source, destination }: DropResult) => {
    if (destination && destination.droppableId !== source.droppableId) onMove(draggableId, destination.droppableId);
  };
  return (
    <DragDropContext onDragEnd={onDragEnd}>
      <Box
        data-testid={testId}
        className="board-scroller"
        sx={{
          display: "flex",
          gap: 1.25,
          overflowX: "scroll",
          pb: 1,
          alignItems: "flex-start",
          // A classic scrollbar, not an overlay one that hides until hovered: the last columns must look reachable.
          scrollbarWidth: "auto",
          scrollbarColor: "#94a3b8 #e2e8f0",
          "&::-webkit-scrollbar": { height: 12 },
          "&::-webkit-scrollbar-track": { background: "#e2e8f0", borderRadius: 6 },
          "&::-webkit-scrollbar-thumb": { background: "#94a3b8", borderRadius: 6 },
        }}
      >
        {columns.map((column) => {
          const state = board[column.id];
          const summary = columnSummary(state, valueOf ?? (() => 0));
          return (
            <Droppable droppableId={column.id} key={column.id}>
              {(drop, snapshot) => (
                <Paper
                  variant="outlined"
                  className="board-column"
                  data-column={column.name}
                  sx={{
                    flex: `0 0 ${COLUMN_WIDTH}px`,
                    bgcolor: snapshot.isDraggingOver ? "#eef2ff" : "#f8fafc",
                    borderRadius: 2,
                    borderTop: `4px solid ${column.color}`,
                    display: "flex",
                    flexDirection: "column",
                    // Full height even when empty: a drop target as tall as the board, and room for a card moved
                    // in by keyboard (the library moves a card only where it would be wholly visible).
                    height: "calc(100vh - 200px)",
                    minHeight: 320,
                  }}
                >
                  <Box sx={{ px: 1.5, pt: 1.25, pb: 1 }}>
                    <Typography variant="subtitle2" sx={{ fontWeight: 700 }} className="board-column-name">
                      {column.name}
                    </Typography>
                    <Typography
                      variant="caption"
                      color="text.secondary"
                      className="board-column-summary"
                      title={summary.complete ? undefined : "Sum of the cards loaded; show more to add the rest"}
                    >
                      {state?.loaded ? (valueOf ? columnHeadline(summary) : String(summary.count)) : "…"}
                    </Typography>
                  </Box>
                  <Box
                    ref={drop.innerRef}
                    {...drop.droppableProps}
                    sx={{ overflowY: "auto", px: 1, pb: 1, display: "flex", flexDirection: "column", flex: 1, minHeight: 0 }}
                  >
                    {state?.cards.map((card, index) => (
                      <Draggable draggableId={card.id} index={index} key={card.id}>
                        {(drag) => (
                          <Box
                            ref={drag.innerRef}
                            {...drag.draggableProps}
                            {...drag.dragHandleProps}
                            className="board-card"
                            data-id={card.id}
                            sx={{ cursor: "grab", mb: 1, "&:focus-visible": { outline: "2px solid #4f46e5", borderRadius: 1.5 } }}
                          >
                            {renderCard(card)}
                          </Box>
                        )}
                      </Draggable>
                    ))}
                    {drop.placeholder}
                    {state && state.cards.length < state.total && (
                      <Button size="small" onClick={() => onMore(column.id)} className="board-show-more">
                        Show {Math.min(PAGE_SIZE, state.total - state.cards.length)} more of {state.total - state.cards.length}
                      </Button>
                    )}
                  </Box>
                </Paper>
              )}
            </Droppable>
          );
        })}
      </Box>
    </DragDropContext>
  );
}
