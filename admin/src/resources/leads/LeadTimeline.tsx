import type { FormEvent } from "react";
import { useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Collapse from "@mui/material/Collapse";
import IconButton from "@mui/material/IconButton";
import Skeleton from "@mui/material/Skeleton";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import RefreshIcon from "@mui/icons-material/Refresh";
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
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useDataProvider, useNotify, useRecordContext } from "react-admin";
import { JsonBlock } from "../../components/JsonBlock.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { TONES } from "../../components/toneModel.ts";
import type { LeadhubDataProvider, TimelineEntry } from "../../data/dataProvider.ts";
import type { Lead } from "./leadModel.ts";
import { type TimelineIcon, groupTimelineByDay, noteTitle, relativeTime, timelineBody, timelineVisual } from "./timelineModel.ts";

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

export function LeadTimeline() {
  const lead = useRecordContext<Lead>();
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const id = lead?.id;
  const { data, error, isPending, refetch, isFetching } = useQuery({
    queryKey: ["leads", id, "timeline"],
    queryFn: () => dataProvider.getLeadTimeline(String(id)),
    enabled: id !== undefined,
    // The pipeline keeps writing to a fresh lead's timeline (scoring, assignment) for a few seconds.
    refetchInterval: 15_000,
  });
  const now = new Date();
  return (
    <SectionCard
      title="Timeline"
      id="lead-timeline"
      action={
        <Tooltip title="Refresh">
          <IconButton size="small" onClick={() => refetch()} disabled={isFetching}>
            <RefreshIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      }
    >
      {id !== undefined && <AddNoteForm leadId={String(id)} />}
      {error && <Alert severity="error">Could not load the timeline: {(error as Error).message}</Alert>}
      {isPending && <Skeleton variant="rounded" height={120} />}
      {data && data.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ py: 2 }}>
          Nothing has happened on this lead yet.
        </Typography>
      )}
      {data &&
        groupTimelineByDay(data, now).map((group) => (
          <Box key={group.key} sx={{ mt: 2 }}>
            <Typography variant="overline" color="text.secondary" sx={{ lineHeight: 1.5 }}>
              {group.label}
            </Typography>
            <Box component="ol" sx={{ listStyle: "none", m: 0, p: 0 }} data-testid="timeline-list">
              {group.items.map((item, index) => (
                <TimelineRow key={item.id} item={item} now={now} last={index === group.items.length - 1} />
              ))}
            </Box>
          </Box>
        ))}
    </SectionCard>
  );
}

function TimelineRow({ item, now, last }: { item: TimelineEntry; now: Date; last: boolean }) {
  const [open, setOpen] = useState(false);
  const visual = timelineVisual(item);
  const Icon = ICONS[visual.icon];
  const colors = TONES[visual.tone];
  const body = timelineBody(item);
  const hasData = item.data !== undefined && item.data !== null && !(typeof item.data === "object" && Object.keys(item.data as object).length === 0);
  return (
    <Box
      component="li"
      className={visual.accent ? "timeline-entry timeline-milestone" : "timeline-entry"}
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
        <Typography variant="body2" sx={{ fontWeight: visual.accent ? 700 : 600, color: visual.accent ? colors.fg : undefined, wordBreak: "break-word" }}>
          {item.title || item.action || item.type}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="div">
          <span title={new Date(item.occurred_at).toLocaleString("en-IN")}>{relativeTime(item.occurred_at, now)}</span>
          {item.kind === "milestone" ? " · milestone" : item.actor_name ? ` · ${item.actor_name}` : item.kind === "submission" ? " · inbound" : " · leadhub"}
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

function AddNoteForm({ leadId }: { leadId: string }) {
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [saving, setSaving] = useState(false);
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setSaving(true);
    try {
      await dataProvider.create("activities", {
        data: { record_type: "lead", record_id: leadId, type: "note", title: noteTitle(title, body), body: body.trim() },
      });
      setTitle("");
      setBody("");
      notify("Note added", { type: "success" });
      await queryClient.invalidateQueries({ queryKey: ["leads", leadId, "timeline"] });
    } catch (error) {
      notify((error as Error).message || "Could not add the note", { type: "error" });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Box component="form" onSubmit={save} sx={{ display: "flex", flexDirection: "column", gap: 1, mb: 1 }} data-testid="add-note">
      <TextField
        size="small"
        placeholder="Add a note: called, interested in 3BHK, wants a site visit on Saturday…"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        multiline
        minRows={2}
        slotProps={{ htmlInput: { "aria-label": "Note" } }}
      />
      {body.trim() && (
        <TextField
          size="small"
          placeholder="Title (optional; defaults to the first line)"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          slotProps={{ htmlInput: { "aria-label": "Note title" } }}
        />
      )}
      <Box sx={{ display: "flex", justifyContent: "flex-end" }}>
        <Button type="submit" variant="contained" size="small" disabled={saving || !body.trim()} startIcon={<NoteIcon />}>
          Add note
        </Button>
      </Box>
    </Box>
  );
}
