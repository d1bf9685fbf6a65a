import { useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Link from "@mui/material/Link";
import Skeleton from "@mui/material/Skeleton";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import AddIcon from "@mui/icons-material/AddLocationAltOutlined";
import LogIcon from "@mui/icons-material/AddCommentOutlined";
import PlaceIcon from "@mui/icons-material/PlaceOutlined";
import TimerIcon from "@mui/icons-material/TimerOutlined";
import { useQuery } from "@tanstack/react-query";
import { useGetList, useRecordContext } from "react-admin";
import { SectionCard } from "../components/SectionCard.tsx";
import { TONES, labelOf } from "../components/toneModel.ts";
import type { Lead } from "../resources/leads/leadModel.ts";
import { journeyIcon } from "./journeyIcons.tsx";
import { type Engagement, type Milestone, OUTCOMES, journeyItems, journeySummary } from "./journeyModel.ts";
import { getReport } from "./journeyApi.ts";
import { useMoney } from "./useMoney.ts";
import { formatDate } from "../components/dates.ts";
import { useTenantLocale } from "../components/TenantDateField.tsx";
import { EngagementDialog, MilestoneDialog } from "./JourneyDialogs.tsx";

/** The lead's journey on its page: milestones (visits, demos, bookings…) and logged engagements, newest first. */
export function LeadJourneyCard() {
  const lead = useRecordContext<Lead>();
  const [dialog, setDialog] = useState<"milestone" | "engagement" | null>(null);
  const id = lead?.id;
  const enabled = id !== undefined;
  const milestones = useGetList<Milestone & { id: string }>(
    "milestones",
    {
      filter: { record_type: "lead", record_id: id },
      sort: { field: "occurred_at", order: "DESC" },
      pagination: { page: 1, perPage: 100 },
    },
    { enabled },
  );
  const engagements = useGetList<Engagement & { id: string }>(
    "engagements",
    { filter: { lead_id: id }, sort: { field: "occurred_at", order: "DESC" }, pagination: { page: 1, perPage: 100 } },
    { enabled },
  );
  const { money } = useMoney();
  const locale = useTenantLocale();
  const report = useQuery({
    queryKey: ["reports", "milestone-timeline", id, milestones.dataUpdatedAt, engagements.dataUpdatedAt],
    queryFn: () => getReport(`/reports/milestone-timeline/${encodeURIComponent(String(id))}`),
    enabled,
  });
  if (!lead) return null;
  const summary = journeySummary(report.data);
  const items = journeyItems(milestones.data ?? [], engagements.data ?? [], (lead as { created_at?: string }).created_at ?? null);
  const refetch = () => {
    milestones.refetch();
    engagements.refetch();
  };
  const error = milestones.error ?? engagements.error;
  return (
    <SectionCard
      title="Journey"
      id="lead-journey"
      action={
        <Stack direction="row" spacing={1}>
          <Button size="small" startIcon={<AddIcon />} onClick={() => setDialog("milestone")} data-testid="add-milestone">
            Add milestone
          </Button>
          <Button size="small" startIcon={<LogIcon />} onClick={() => setDialog("engagement")} data-testid="log-engagement">
            Log engagement
          </Button>
        </Stack>
      }
    >
      {report.data !== undefined && (
        <Stack direction="row" spacing={1} sx={{ mb: 1.5, flexWrap: "wrap" }} data-testid="journey-summary">
          <Chip
            size="small"
            variant="outlined"
            label={summary.daysToConvert === null ? "Not converted yet" : `${summary.daysToConvert} days to convert`}
          />
          {summary.engagementPoints !== null && (
            <Chip size="small" variant="outlined" label={`${summary.engagementPoints} engagement points`} />
          )}
          {summary.value !== null && (
            <Chip
              size="small"
              variant="outlined"
              label={`Worth ${money(summary.value)}${summary.valueSource === "opportunity" ? " (deal)" : ""}`}
            />
          )}
        </Stack>
      )}
      {error && <Alert severity="error">Could not load the journey: {(error as Error).message}</Alert>}
      {(milestones.isPending || engagements.isPending) && !error && <Skeleton variant="rounded" height={80} />}
      <Box component="ol" sx={{ listStyle: "none", m: 0, p: 0 }} data-testid="journey-timeline">
        {items.map((item, i) => {
          const colors = TONES[item.tone];
          return (
            <Box
              component="li"
              key={item.key}
              className={`journey-item journey-${item.source} journey-kind-${item.kind}`}
              sx={{ display: "flex", gap: 1.5, position: "relative", pb: 1.5 }}
            >
              <Box sx={{ display: "flex", flexDirection: "column", alignItems: "center", flexShrink: 0 }}>
                <Box
                  sx={{
                    width: 32,
                    height: 32,
                    borderRadius: item.source === "milestone" ? "50%" : 1.5,
                    bgcolor: colors.bg,
                    color: colors.fg,
                    display: "flex",
                    alignItems: "center",
                    justifyContent: "center",
                  }}
                >
                  {journeyIcon(item.source, item.kind, item.channel)}
                </Box>
                {i < items.length - 1 && <Box sx={{ flex: 1, width: 2, bgcolor: "divider", mt: 0.5 }} />}
              </Box>
              <Box sx={{ minWidth: 0, flex: 1 }}>
                <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
                  <Typography variant="body2" sx={{ fontWeight: 600 }} className="journey-title">
                    {item.title}
                  </Typography>
                  {item.outcome && (
                    <Chip
                      size="small"
                      label={labelOf(OUTCOMES, item.outcome)}
                      className="journey-outcome"
                      sx={{ height: 20, bgcolor: TONES[item.outcomeTone].bg, color: TONES[item.outcomeTone].fg }}
                    />
                  )}
                  {item.responded && (
                    <Chip size="small" label="Responded" sx={{ height: 20, bgcolor: TONES.green.bg, color: TONES.green.fg }} />
                  )}
                </Stack>
                <Typography variant="caption" color="text.secondary" component="div">
                  {formatDate(item.occurred_at, locale, { time: true })}
                  {item.subtitle ? ` · ${item.subtitle}` : ""}
                </Typography>
                {(item.location || item.duration) && (
                  <Stack direction="row" spacing={1.5} sx={{ mt: 0.25, color: "text.secondary", flexWrap: "wrap" }}>
                    {item.location && (
                      <Typography
                        variant="caption"
                        sx={{ display: "inline-flex", alignItems: "center", gap: 0.25 }}
                        className="journey-location"
                      >
                        <PlaceIcon sx={{ fontSize: 14 }} />
                        {item.mapUrl ? (
                          <Link href={item.mapUrl} target="_blank" rel="noreferrer">
                            {item.location}
                          </Link>
                        ) : (
                          item.location
                        )}
                      </Typography>
                    )}
                    {item.duration && (
                      <Typography
                        variant="caption"
                        sx={{ display: "inline-flex", alignItems: "center", gap: 0.25 }}
                        className="journey-duration"
                      >
                        <TimerIcon sx={{ fontSize: 14 }} />
                        {item.duration}
                      </Typography>
                    )}
                  </Stack>
                )}
                {item.notes && (
                  <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: "pre-wrap" }}>
                    {item.notes}
                  </Typography>
                )}
              </Box>
            </Box>
          );
        })}
      </Box>
      {dialog === "milestone" && <MilestoneDialog leadId={String(lead.id)} onClose={() => setDialog(null)} onDone={refetch} />}
      {dialog === "engagement" && <EngagementDialog leadId={String(lead.id)} onClose={() => setDialog(null)} onDone={refetch} />}
    </SectionCard>
  );
}
