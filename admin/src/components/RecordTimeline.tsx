import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { ReferenceField, ReferenceManyField, useListContext, RecordContextProvider, type RaRecord } from "react-admin";
import { SectionCard } from "./SectionCard.tsx";

interface Activity extends RaRecord {
  title: string | null;
  body: string | null;
  type: string;
  occurred_at: string;
  actor_user_id: string | null;
}

function Entries() {
  const { data, isPending } = useListContext<Activity>();
  if (isPending) return null;
  if (!data?.length) return <Typography variant="body2" color="text.secondary">Nothing yet.</Typography>;
  return (
    <Box component="ol" sx={{ listStyle: "none", m: 0, p: 0, display: "flex", flexDirection: "column", gap: 1.25 }}>
      {data.map((a) => (
        <RecordContextProvider key={a.id} value={a}>
          <Box component="li" className="record-timeline-entry" sx={{ borderLeft: 2, borderColor: "divider", pl: 1.5 }}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>{a.title ?? a.type}</Typography>
            {a.body && <Typography variant="body2" color="text.secondary">{a.body}</Typography>}
            <Typography variant="caption" color="text.secondary">
              {new Date(a.occurred_at).toLocaleString("en-IN", { dateStyle: "medium", timeStyle: "short" })}
              {a.actor_user_id && <> · <ReferenceField source="actor_user_id" reference="users" link={false} /></>}
            </Typography>
          </Box>
        </RecordContextProvider>
      ))}
    </Box>
  );
}

/** The activities of an account, contact or deal, newest first (GET /activities filtered by the record). */
export function RecordTimeline({ recordType }: { recordType: "account" | "contact" | "opportunity" }) {
  return (
    <SectionCard title="Timeline" id="record-timeline">
      <ReferenceManyField reference="activities" target="record_id" filter={{ record_type: recordType }} sort={{ field: "occurred_at", order: "DESC" }} perPage={50}>
        <Entries />
      </ReferenceManyField>
    </SectionCard>
  );
}
