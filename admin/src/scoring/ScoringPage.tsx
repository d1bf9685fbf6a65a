import { useState } from "react";
import Box from "@mui/material/Box";
import TextField from "@mui/material/TextField";
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
import { RescoreCard } from "./RescoreCard.tsx";
import { ScoringDryRunResult } from "./ScoringDryRunResult.tsx";
import { ScoringSettingsCard } from "./ScoringSettingsCard.tsx";
import { pointsTone, signed } from "../resources/leads/scoreHistoryModel.ts";
import { type ScoringRule, emptyScoringRule, scoringPayload, scoringRuleErrors } from "./scoringModel.ts";

type Payload = ReturnType<typeof scoringPayload>;

/** Scoring: the rules that give a lead its fit points, behaviour points and decay, and every version. */
export function ScoringPage() {
  // Custom routes are not guarded by react-admin; this redirects to /login when the session is gone.
  useAuthenticated();
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const { permissions } = usePermissions<Permissions>();
  const [runId, setRunId] = useState<string | null>(null);
  // Only admins change rules (the API answers 403 to anyone else).
  const canEdit = permissions?.role === "admin";

  return (
    <Box sx={{ py: 2 }} data-testid="scoring-page">
      <Title title="Scoring" />
      <Typography variant="h5" component="h1">
        Scoring
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        A lead's score (0–100) is the points of every rule it matches plus what its engagement earned. A 75+ is grade A, 50+ B, 25+ C.
      </Typography>
      <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "minmax(0, 7fr) minmax(0, 5fr)" }, alignItems: "start" }}>
        <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
          <RuleSetEditor<ScoringRule, Payload>
            kind="scoring"
            title="Scoring rules"
            help="Every active rule a lead matches adds its points (negative points take away). The order is only for reading."
            canEdit={canEdit}
            publishNote="Every lead is then re-scored with them."
            emptyRule={emptyScoringRule}
            validate={scoringRuleErrors}
            payload={scoringPayload}
            summary={(r) => <ToneChip label={`${signed(r.points)} points`} tone={pointsTone(r.points)} />}
            fields={(rule, change, errors) => (
              <TextField
                type="number"
                size="small"
                label="Points"
                name="points"
                value={Number.isFinite(rule.points) ? rule.points : ""}
                onChange={(e) => change({ points: e.target.value.trim() === "" ? Number.NaN : Number(e.target.value) })}
                error={Boolean(errors.points)}
                helperText={errors.points ?? "From −100 to 100; negative points lower the score"}
                disabled={!canEdit}
                slotProps={{ htmlInput: { min: -100, max: 100, step: 1 } }}
                sx={{ width: 280 }}
              />
            )}
            publish={async (rules) => {
              const result = await dataProvider.publishScoringRules(rules);
              setRunId(result.rescore_run_id);
              return result;
            }}
            dryRun={(rules: Payload[]) => (
              <DryRunCard
                title="Dry run"
                help="Scores the latest leads with the draft, without saving anything: whose score and grade would change, and why."
                draftKey={stableJson(rules)}
                run={(limit) => dataProvider.dryRunScoringRules(rules, limit)}
              >
                {(run) => <ScoringDryRunResult run={run} />}
              </DryRunCard>
            )}
          />
        </Box>
        <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
          <RescoreCard runId={runId} />
          <ScoringSettingsCard canEdit={permissions?.role === "admin"} />
          <VersionHistoryCard kind="scoring" describe={describeScoringRule} />
        </Box>
      </Box>
    </Box>
  );
}

const describeScoringRule = (r: Record<string, unknown>) =>
  `${signed(Number(r.points) || 0)} ${String(r.name ?? "")}: ${describeCondition(asCondition(r.condition))}`;
