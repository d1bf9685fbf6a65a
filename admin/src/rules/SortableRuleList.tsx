import { type ReactNode, useState } from "react";
import Box from "@mui/material/Box";
import IconButton from "@mui/material/IconButton";
import Switch from "@mui/material/Switch";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import DragIcon from "@mui/icons-material/DragIndicator";
import UpIcon from "@mui/icons-material/KeyboardArrowUp";
import DownIcon from "@mui/icons-material/KeyboardArrowDown";
import EditIcon from "@mui/icons-material/EditOutlined";
import ViewIcon from "@mui/icons-material/VisibilityOutlined";
import DeleteIcon from "@mui/icons-material/DeleteOutlineOutlined";
import { ToneChip } from "../components/ToneChip.tsx";
import { describeCondition } from "./conditionModel.ts";
import type { DraftItem, RuleBase } from "./draftModel.ts";

/**
 * The draft's rules in order. Rows are dragged by plain HTML5 drag and drop (no library needed for
 * one list); the arrow buttons do the same from the keyboard.
 */
export function SortableRuleList<R extends RuleBase>({
  items,
  numbered,
  canEdit,
  summary,
  onMove,
  onEdit,
  onRemove,
  onToggle,
}: {
  items: DraftItem<R>[];
  /** Assignment's order decides (first match wins): its rows show their place. */
  numbered?: boolean;
  canEdit: boolean;
  summary: (rule: R) => ReactNode;
  onMove: (from: number, to: number) => void;
  onEdit: (key: string) => void;
  onRemove: (key: string) => void;
  onToggle: (key: string, active: boolean) => void;
}) {
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const end = () => {
    setDragging(null);
    setOver(null);
  };

  return (
    <Box component="ol" sx={{ listStyle: "none", m: 0, p: 0, display: "flex", flexDirection: "column", gap: 0.75 }} data-testid="rule-list">
      {items.map((item, i) => {
        const marker = dragging !== null && over === i && dragging !== i ? (dragging < i ? "bottom" : "top") : null;
        return (
          <Box
            component="li"
            key={item.key}
            className={`rule-row${item.active === false ? " inactive" : ""}`}
            data-key={item.key}
            draggable={canEdit}
            onDragStart={(e) => {
              e.dataTransfer.effectAllowed = "move";
              e.dataTransfer.setData("text/plain", item.key);
              setDragging(i);
            }}
            onDragOver={(e) => {
              if (dragging === null) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = "move";
              setOver(i);
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging !== null) onMove(dragging, i);
              end();
            }}
            onDragEnd={end}
            sx={{
              display: "flex",
              alignItems: "center",
              gap: 1,
              p: 1,
              pr: 0.5,
              border: 1,
              borderColor: "divider",
              borderRadius: 1.5,
              bgcolor: dragging === i ? "#eef2ff" : "background.paper",
              opacity: item.active === false ? 0.6 : 1,
              boxShadow: marker === "top" ? "inset 0 3px 0 #6366f1" : marker === "bottom" ? "inset 0 -3px 0 #6366f1" : "none",
            }}
          >
            {canEdit && <DragIcon fontSize="small" sx={{ color: "text.disabled", cursor: "grab" }} aria-hidden />}
            {numbered && (
              <Typography
                variant="body2"
                color="text.secondary"
                sx={{ minWidth: 20, textAlign: "right", fontVariantNumeric: "tabular-nums" }}
              >
                {i + 1}.
              </Typography>
            )}
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap" }}>
                <Typography variant="body2" className="rule-name" sx={{ fontWeight: 600 }}>
                  {item.name}
                </Typography>
                {summary(item)}
                {item.active === false && <ToneChip label="Off" tone="grey" />}
                {!item.id && <ToneChip label="New" tone="indigo" />}
              </Box>
              <Typography
                variant="caption"
                color="text.secondary"
                component="div"
                noWrap
                className="rule-condition"
                title={describeCondition(item.condition)}
              >
                {describeCondition(item.condition)}
              </Typography>
            </Box>
            {canEdit && (
              <>
                <Tooltip title={item.active === false ? "Turn on" : "Turn off"}>
                  <Switch
                    size="small"
                    checked={item.active !== false}
                    onChange={(e) => onToggle(item.key, e.target.checked)}
                    slotProps={{ input: { "aria-label": `Active: ${item.name}` } }}
                  />
                </Tooltip>
                <IconButton size="small" aria-label={`Move ${item.name} up`} disabled={i === 0} onClick={() => onMove(i, i - 1)}>
                  <UpIcon fontSize="small" />
                </IconButton>
                <IconButton
                  size="small"
                  aria-label={`Move ${item.name} down`}
                  disabled={i === items.length - 1}
                  onClick={() => onMove(i, i + 1)}
                >
                  <DownIcon fontSize="small" />
                </IconButton>
              </>
            )}
            <IconButton
              size="small"
              aria-label={`${canEdit ? "Edit" : "View"} ${item.name}`}
              onClick={() => onEdit(item.key)}
              className="rule-edit"
            >
              {canEdit ? <EditIcon fontSize="small" /> : <ViewIcon fontSize="small" />}
            </IconButton>
            {canEdit && (
              <IconButton size="small" aria-label={`Delete ${item.name}`} onClick={() => onRemove(item.key)} className="rule-delete">
                <DeleteIcon fontSize="small" />
              </IconButton>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
