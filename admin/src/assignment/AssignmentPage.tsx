import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { Title, useAuthenticated, useDataProvider, usePermissions } from "react-admin";
import type { Permissions } from "../auth/sessionModel.ts";
import { ToneChip } from "../components/ToneChip.tsx";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import { asCondition, describeCondition } from "../rules/conditionModel.ts";
import { stableJson } from "../rules/draftModel.ts";
import { DryRunCard } from "../rules/DryRunCard.tsx";
import { RuleSetEditor } from "../rules/RuleSetEditor.tsx";
import { VersionHistoryCard } from "../rules/VersionHistoryCard.tsx";
import { AssignmentDryRunResult } from "./AssignmentDryRunResult.tsx";
import { AssignmentRuleFields } from "./AssignmentRuleFields.tsx";
import { AssignmentSettingsCard } from "./AssignmentSettingsCard.tsx";
import {
  type AssignmentRule,
  type Names,
  assignmentPayload,
  assignmentRuleErrors,
  emptyAssignmentRule,
  slaText,
  targetText,
} from "./assignmentModel.ts";
import { usePeople } from "./usePeople.ts";

type Payload = ReturnType<typeof assignmentPayload>;

/** Assignment: ordered rules routing new leads to a person or a team, the fallback owner, and every version. */
export function AssignmentPage() {
  // Custom routes are not guarded by react-admin; this redirects to /login when the session is gone.
  useAuthenticated();
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const { permissions } = usePermissions<Permissions>();
  const { users, teams, names } = usePeople();
  // Only admins change rules (the API answers 403 to anyone else).
  const canEdit = permissions?.role === "admin";

  return (
    <Box sx={{ py: 2 }} data-testid="assignment-page">
      <Title title="Assignment" />
      <Typography variant="h5" component="h1">
        Assignment
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Who owns a new lead: the first active rule it matches, top to bottom, decides.
      </Typography>
      <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "minmax(0, 7fr) minmax(0, 5fr)" }, alignItems: "start" }}>
        <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
          <RuleSetEditor<AssignmentRule, Payload>
            kind="assignment"
            title="Assignment rules"
            help="Drag to order them: a lead goes by the first rule that matches; the rest are not read."
            canEdit={canEdit}
            numbered
            publishNote="New leads are routed with them; leads already owned keep their owner."
            emptyRule={emptyAssignmentRule}
            validate={assignmentRuleErrors}
            payload={assignmentPayload}
            summary={(r) => <RuleTarget rule={r} names={names} />}
            fields={(rule, change, errors) => (
              <AssignmentRuleFields rule={rule} change={change} errors={errors} users={users} teams={teams} disabled={!canEdit} />
            )}
            publish={(rules) => dataProvider.publishAssignmentRules(rules)}
            dryRun={(rules: Payload[]) =>
              canEdit && (
                <DryRunCard
                  title="Dry run"
                  help="Routes the latest leads with the draft, oldest first as they arrived, without saving anything: whose leads would go to someone else."
                  draftKey={stableJson(rules)}
                  run={(limit) => dataProvider.dryRunAssignmentRules(rules, limit)}
                >
                  {(run) => <AssignmentDryRunResult run={run} />}
                </DryRunCard>
              )
            }
          />
        </Box>
        <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
          <AssignmentSettingsCard canEdit={permissions?.role === "admin"} users={users} />
          <VersionHistoryCard kind="assignment" describe={(r) => describeAssignmentRule(r, names)} />
        </Box>
      </Box>
    </Box>
  );
}

function RuleTarget({ rule, names }: { rule: AssignmentRule; names: Names }) {
  return (
    <>
      <ToneChip label={`→ ${targetText(rule, names)}`} tone="blue" />
      {rule.sla_minutes ? <ToneChip label={`SLA ${slaText(rule.sla_minutes)} · ${rule.sla_action}`} tone="amber" /> : null}
    </>
  );
}

const describeAssignmentRule = (r: Record<string, unknown>, names: Names) =>
  `${String(r.name ?? "")} → ${targetText(r as unknown as AssignmentRule, names)}: ${describeCondition(asCondition(r.condition))}`;
