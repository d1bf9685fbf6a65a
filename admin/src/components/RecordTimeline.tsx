import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Skeleton from "@mui/material/Skeleton";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useDataProvider, useRecordContext } from "react-admin";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import { groupTimelineByDay } from "../resources/leads/timelineModel.ts";
import { SectionCard } from "./SectionCard.tsx";
import { TimelineRow } from "./TimelineRow.tsx";
import { RefreshButton } from "./RefreshButton.tsx";

const NOUNS = { account: "account", contact: "contact", opportunity: "deal" } as const;

/**
 * An account's, contact's or deal's story from GET /<records>/:id/timeline: activities, tasks made and done,
 * stage moves, and the originating leads' submissions, emails and score changes, grouped by day.
 */
export function RecordTimeline({ recordType }: { recordType: "account" | "contact" | "opportunity" }) {
  const record = useRecordContext();
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const id = record?.id;
  const { data, error, isPending, refetch, isFetching } = useQuery({
    queryKey: [recordType, id, "timeline"],
    queryFn: () => dataProvider.getRecordTimeline(recordType, String(id)),
    enabled: id !== undefined,
  });
  const now = new Date();
  return (
    <SectionCard title="Timeline" id="record-timeline" action={<RefreshButton onClick={() => refetch()} busy={isFetching} />}>
      {error && <Alert severity="error">Could not load the timeline: {(error as Error).message}</Alert>}
      {isPending && id !== undefined && <Skeleton variant="rounded" height={120} />}
      {data && data.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          Nothing has happened on this {NOUNS[recordType]} yet.
        </Typography>
      )}
      {data &&
        groupTimelineByDay(data, now).map((group) => (
          <Box key={group.key} sx={{ mt: 1 }}>
            <Typography variant="overline" color="text.secondary" sx={{ lineHeight: 1.5 }}>
              {group.label}
            </Typography>
            <Box component="ol" sx={{ listStyle: "none", m: 0, p: 0 }}>
              {group.items.map((item, index) => (
                <TimelineRow
                  key={`${item.kind}:${item.id}`}
                  item={item}
                  now={now}
                  last={index === group.items.length - 1}
                  className="record-timeline-entry"
                />
              ))}
            </Box>
          </Box>
        ))}
    </SectionCard>
  );
}
