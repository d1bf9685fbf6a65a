import { useState } from "react";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Collapse from "@mui/material/Collapse";
import Typography from "@mui/material/Typography";
import NoteIcon from "@mui/icons-material/StickyNote2Outlined";
import CallIcon from "@mui/icons-material/CallOutlined";
import EmailIcon from "@mui/icons-material/MailOutlined";
import EventIcon from "@mui/icons-material/EventOutlined";
import TaskIcon from "@mui/icons-material/TaskAltOutlined";
import InboxIcon from "@mui/icons-material/MoveToInboxOutlined";
import AddIcon from "@mui/icons-material/AddCircleOutlined";
import MergeIcon from "@mui/icons-material/MergeType";
import PersonIcon from "@mui/icons-material/PersonAddAltOutlined";
import TrendingUpIcon from "@mui/icons-material/TrendingUp";
import FlagIcon from "@mui/icons-material/FlagOutlined";
import StarsIcon from "@mui/icons-material/EmojiEventsOutlined";
import SettingsIcon from "@mui/icons-material/SettingsSuggestOutlined";
import SplitIcon from "@mui/icons-material/CallSplit";
import DuplicateIcon from "@mui/icons-material/ContentCopyOutlined";
import MilestoneIcon from "@mui/icons-material/StarOutlined";
import { JsonBlock } from "./JsonBlock.tsx";
import { TONES } from "./toneModel.ts";
import type { TimelineEntry } from "../data/dataProvider.ts";
import { type TimelineIcon, relativeTime, timelineBody, timelineVisual } from "../resources/leads/timelineModel.ts";
import { tenantDate } from "./TenantDateField.tsx";

const ICONS: Record<TimelineIcon, typeof NoteIcon> = {
  note: NoteIcon,
  call: CallIcon,
  email: EmailIcon,
  meeting: EventIcon,
  task: TaskIcon,
  submission: InboxIcon,
  created: AddIcon,
  merged: MergeIcon,
  split: SplitIcon,
  duplicate: DuplicateIcon,
  milestone: MilestoneIcon,
  assigned: PersonIcon,
  score: TrendingUpIcon,
  status: FlagIcon,
  converted: StarsIcon,
  system: SettingsIcon,
};

/** One entry of a lead's or a record's timeline: an icon per kind, title, when and who, body, and its data on demand. */
export function TimelineRow({
  item,
  now,
  last,
  className = "timeline-entry",
}: {
  item: TimelineEntry;
  now: Date;
  last: boolean;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const visual = timelineVisual(item);
  const Icon = ICONS[visual.icon];
  const colors = TONES[visual.tone];
  const body = timelineBody(item);
  const hasData =
    item.data !== undefined && item.data !== null && !(typeof item.data === "object" && Object.keys(item.data as object).length === 0);
  return (
    <Box
      component="li"
      className={visual.accent ? `${className} timeline-milestone` : className}
      sx={{ display: "flex", gap: 1.5, position: "relative", pb: last ? 0.5 : 2 }}
    >
      {!last && <Box sx={{ position: "absolute", left: 15, top: 34, bottom: 0, width: 2, bgcolor: "#e2e8f0" }} />}
      <Box
        sx={{
          width: 32,
          height: 32,
          borderRadius: "50%",
          bgcolor: colors.bg,
          color: colors.fg,
          display: "flex",
          alignItems: "center",
          justifyContent: "center",
          flexShrink: 0,
          zIndex: 1,
          ...(visual.accent ? { boxShadow: `0 0 0 3px ${colors.solid}` } : {}),
        }}
      >
        <Icon sx={{ fontSize: 18 }} />
      </Box>
      <Box
        sx={{
          minWidth: 0,
          flex: 1,
          pt: 0.5,
          ...(visual.accent ? { bgcolor: colors.bg, borderLeft: `3px solid ${colors.solid}`, borderRadius: 1, px: 1.25, pb: 0.75 } : {}),
        }}
      >
        <Typography
          variant="body2"
          sx={{ fontWeight: visual.accent ? 700 : 600, color: visual.accent ? colors.fg : undefined, wordBreak: "break-word" }}
        >
          {item.title || item.action || item.type}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="div">
          <span title={tenantDate(item.occurred_at, { time: true })}>{relativeTime(item.occurred_at, now)}</span>
          {item.kind === "milestone"
            ? " · milestone"
            : item.actor_name
              ? ` · ${item.actor_name}`
              : item.kind === "submission"
                ? " · inbound"
                : " · leadhub"}
          {item.action && item.title ? ` · ${item.action}` : ""}
        </Typography>
        {body && (
          <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: "pre-wrap", wordBreak: "break-word", color: "text.primary" }}>
            {body}
          </Typography>
        )}
        {hasData && (
          <>
            <Button size="small" onClick={() => setOpen((o) => !o)} sx={{ px: 0, minWidth: 0, mt: 0.25 }}>
              {open ? "Hide details" : item.kind === "submission" ? "Show submission" : "Show details"}
            </Button>
            <Collapse in={open} unmountOnExit>
              <JsonBlock value={item.data} maxHeight={280} />
            </Collapse>
          </>
        )}
      </Box>
    </Box>
  );
}
