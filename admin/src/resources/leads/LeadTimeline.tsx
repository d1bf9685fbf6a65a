import type { FormEvent } from "react";
import { useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Skeleton from "@mui/material/Skeleton";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import NoteIcon from "@mui/icons-material/StickyNote2Outlined";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useDataProvider, useNotify, useRecordContext } from "react-admin";
import { TimelineRow } from "../../components/TimelineRow.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import type { Lead } from "./leadModel.ts";
import { groupTimelineByDay, noteTitle } from "./timelineModel.ts";
import { RefreshButton } from "../../components/RefreshButton.tsx";

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
    <SectionCard title="Timeline" id="lead-timeline" action={<RefreshButton onClick={() => refetch()} busy={isFetching} />}>
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
