import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { Datagrid, EditButton, ListButton, Pagination, ReferenceManyField, Show, TopToolbar, useRecordContext } from "react-admin";
import { SectionCard } from "../components/SectionCard.tsx";
import { ToneChip } from "../components/ToneChip.tsx";
import { labelOf, toneOf } from "../components/toneModel.ts";
import { asCondition, describeCondition } from "../rules/conditionModel.ts";
import { EnrolLeadsButton } from "./EnrolLeadsDialog.tsx";
import { LeadLinkField, enrollmentStatusColumns } from "./EnrollmentFields.tsx";
import { SequenceStatsCard } from "./SequenceStatsCard.tsx";
import { StepConnector } from "./StepConnector.tsx";
import { StopEnrollmentButton } from "./StopEnrollmentButton.tsx";
import { SEQUENCE_STATUSES, STEP_CHOICES, type Sequence, delayLabel, stepSummary } from "./sequenceModel.ts";

function SequenceShowActions() {
  const s = useRecordContext<Sequence>();
  return (
    <TopToolbar>
      {s && <EnrolLeadsButton sequenceId={String(s.id)} disabled={s.status !== "active"} />}
      <ListButton label="All sequences" />
      <EditButton />
    </TopToolbar>
  );
}

function SequenceTitle() {
  const s = useRecordContext<Sequence>();
  return <span>{s ? s.name : "Sequence"}</span>;
}

function Header() {
  const s = useRecordContext<Sequence>();
  if (!s) return null;
  return (
    <Box data-testid="sequence-header">
      <Box sx={{ display: "flex", gap: 1, alignItems: "center", flexWrap: "wrap" }}>
        <Typography variant="h5" component="h1" className="sequence-name">
          {s.name}
        </Typography>
        <ToneChip label={labelOf(SEQUENCE_STATUSES, s.status)} tone={toneOf(SEQUENCE_STATUSES, s.status)} />
        <Typography variant="body2" color="text.secondary">
          version {s.version}
        </Typography>
      </Box>
      {s.description && (
        <Typography variant="body2" color="text.secondary">
          {s.description}
        </Typography>
      )}
      <Typography variant="body2" color="text.secondary">
        {s.enrol_rule
          ? `Enrols automatically (${s.enrol_rule.trigger}): ${describeCondition(asCondition(s.enrol_rule.condition))}`
          : "Enrols by hand or through the API"}
        {s.quiet_hours ? ` · quiet ${s.quiet_hours.start}–${s.quiet_hours.end}` : ""}
      </Typography>
    </Box>
  );
}

/** The steps, read-only, as the builder draws them. */
function StepsOverview() {
  const s = useRecordContext<Sequence>();
  const steps = s?.steps ?? [];
  return (
    <SectionCard title="Steps" id="sequence-steps">
      <Box component="ol" sx={{ listStyle: "none", m: 0, p: 0 }} data-testid="sequence-steps">
        {steps.map((step, i) => (
          <Box component="li" key={i} className="sequence-step">
            <StepConnector label={delayLabel(step)} />
            <Box sx={{ display: "flex", gap: 1, alignItems: "center", border: "1px solid #e2e8f0", borderRadius: 1.5, p: 1 }}>
              <Typography variant="body2" sx={{ fontWeight: 700, width: 20 }}>
                {i + 1}
              </Typography>
              <ToneChip label={labelOf(STEP_CHOICES, step.type)} tone={toneOf(STEP_CHOICES, step.type)} />
              <Typography variant="body2" noWrap sx={{ minWidth: 0 }}>
                {stepSummary(step)}
              </Typography>
            </Box>
          </Box>
        ))}
      </Box>
    </SectionCard>
  );
}

function StatsSection() {
  const s = useRecordContext<Sequence>();
  return s ? <SequenceStatsCard id={String(s.id)} steps={s.steps ?? []} /> : null;
}

export function SequenceShow() {
  return (
    <Show actions={<SequenceShowActions />} title={<SequenceTitle />} component="div">
      <Box sx={{ display: "flex", flexDirection: "column", gap: 2, pb: 3 }}>
        <Header />
        <StatsSection />
        <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "minmax(0, 4fr) minmax(0, 8fr)" }, alignItems: "start" }}>
          <StepsOverview />
          <SectionCard title="Enrolments" id="sequence-enrollments">
            <ReferenceManyField
              reference="enrollments"
              target="sequence_id"
              sort={{ field: "enrolled_at", order: "DESC" }}
              perPage={25}
              pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
            >
              <Datagrid
                bulkActionButtons={false}
                rowClick={false}
                empty={
                  <Typography variant="body2" color="text.secondary">
                    No one is enrolled yet.
                  </Typography>
                }
                data-testid="sequence-enrollment-list"
              >
                <LeadLinkField label="Lead" />
                {enrollmentStatusColumns()}
                <StopEnrollmentButton />
              </Datagrid>
            </ReferenceManyField>
          </SectionCard>
        </Box>
      </Box>
    </Show>
  );
}
