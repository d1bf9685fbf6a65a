import { type ReactNode, useState } from "react";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { type Board, type BoardCard, type BoardColumnDef, PAGE_SIZE, columnHeadline, columnSummary } from "./boardModel.ts";

/** The MIME type a dragged card carries, so drops of other things (text, files) are ignored. */
const CARD_TYPE = "application/x-leadhub-card";

/**
 * Columns side by side, scrolled sideways; cards dragged between them with plain HTML5 drag and drop
 * (one board, no library needed). Each column shows at most the pages it has loaded.
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
  const [over, setOver] = useState<string | null>(null);
  return (
    <Box data-testid={testId} sx={{ display: "flex", gap: 1.5, overflowX: "auto", pb: 2, alignItems: "flex-start" }}>
      {columns.map((column) => {
        const state = board[column.id];
        const summary = columnSummary(state, valueOf ?? (() => 0));
        return (
          <Paper
            key={column.id}
            variant="outlined"
            className="board-column"
            data-column={column.name}
            onDragOver={(e) => {
              if (!e.dataTransfer.types.includes(CARD_TYPE)) return;
              e.preventDefault();
              setOver(column.id);
            }}
            onDragLeave={() => setOver((o) => (o === column.id ? null : o))}
            onDrop={(e) => {
              e.preventDefault();
              setOver(null);
              const id = e.dataTransfer.getData(CARD_TYPE);
              if (id) onMove(id, column.id);
            }}
            sx={{
              flex: "0 0 272px",
              bgcolor: over === column.id ? "#eef2ff" : "#f8fafc",
              borderRadius: 2,
              borderTop: `4px solid ${column.color}`,
              display: "flex",
              flexDirection: "column",
              maxHeight: "calc(100vh - 190px)",
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
            <Box sx={{ overflowY: "auto", px: 1, pb: 1, display: "flex", flexDirection: "column", gap: 1, minHeight: 60 }}>
              {state?.cards.map((card) => (
                <Box
                  key={card.id}
                  draggable
                  className="board-card"
                  data-id={card.id}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(CARD_TYPE, card.id);
                    e.dataTransfer.effectAllowed = "move";
                  }}
                  sx={{ cursor: "grab" }}
                >
                  {renderCard(card)}
                </Box>
              ))}
              {state && state.cards.length < state.total && (
                <Button size="small" onClick={() => onMore(column.id)} className="board-show-more">
                  Show {Math.min(PAGE_SIZE, state.total - state.cards.length)} more of {state.total - state.cards.length}
                </Button>
              )}
            </Box>
          </Paper>
        );
      })}
    </Box>
  );
}
