import Box from "@mui/material/Box";
import { DeleteButton, EditButton, ListButton, Show, TopToolbar, useRecordContext } from "react-admin";
import { ConvertButton } from "./ConvertButton.tsx";
import { ConvertedLinks } from "./ConvertedLinks.tsx";
import { DuplicateBanner } from "./DuplicateBanner.tsx";
import { CustomFieldsCard, LeadFieldGroupCard } from "./LeadFieldValue.tsx";
import { LeadHeader } from "./LeadHeader.tsx";
import { LeadEmailsCard } from "../../nurture/LeadEmailsCard.tsx";
import { LeadEnrollmentsCard } from "../../nurture/LeadEnrollmentsCard.tsx";
import { LeadJourneyCard } from "../../journey/LeadJourneyCard.tsx";
import { LeadTimeline } from "./LeadTimeline.tsx";
import { LeadTrace } from "./LeadTrace.tsx";
import { RecordTasks } from "../tasks/RecordTasks.tsx";
import { MergeHistory } from "./MergeHistory.tsx";
import { ScoreHistoryCard } from "./ScoreHistoryCard.tsx";
import { LEAD_FIELD_GROUPS } from "./leadFields.ts";
import { type Lead, leadDisplayName } from "./leadModel.ts";

function LeadShowActions() {
  return (
    <TopToolbar>
      <ConvertButton />
      <ListButton label="All leads" />
      <EditButton />
      <DeleteButton
        mutationMode="pessimistic"
        confirmTitle="Delete this lead?"
        confirmContent="It disappears from lists and reports; its history is kept."
      />
    </TopToolbar>
  );
}

function LeadTitle() {
  const lead = useRecordContext<Lead>();
  return <span>{lead ? leadDisplayName(lead) : "Lead"}</span>;
}

export function LeadShow() {
  return (
    <Show actions={<LeadShowActions />} title={<LeadTitle />} component="div">
      <Box sx={{ display: "flex", flexDirection: "column", gap: 2, pb: 3 }}>
        <DuplicateBanner />
        <LeadHeader />
        <ConvertedLinks />
        <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "minmax(0, 7fr) minmax(0, 5fr)" }, alignItems: "start" }}>
          <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
            {LEAD_FIELD_GROUPS.map((group) => (
              <LeadFieldGroupCard key={group.id} group={group} />
            ))}
            <CustomFieldsCard />
          </Box>
          <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
            <RecordTasks recordType="lead" showOwner={false} />
            <ScoreHistoryCard />
            <LeadJourneyCard />
            <LeadTimeline />
            <LeadEmailsCard />
            <LeadEnrollmentsCard />
            <MergeHistory />
            <LeadTrace />
          </Box>
        </Box>
      </Box>
    </Show>
  );
}
