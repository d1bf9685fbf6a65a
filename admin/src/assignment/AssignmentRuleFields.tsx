import { useState } from "react";
import Autocomplete from "@mui/material/Autocomplete";
import Box from "@mui/material/Box";
import TextField from "@mui/material/TextField";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import Typography from "@mui/material/Typography";
import {
  type AssignmentRule,
  SLA_ACTIONS,
  STRATEGIES,
  type SlaAction,
  type Strategy,
  type TargetKind,
  slaText,
  targetKind,
} from "./assignmentModel.ts";
import type { Person, Team } from "./usePeople.ts";

/** Where a rule's leads go: a team (with how its members take turns) or one person, and the SLA. */
export function AssignmentRuleFields({
  rule,
  change,
  errors,
  users,
  teams,
  disabled,
}: {
  rule: AssignmentRule;
  change: (patch: Partial<AssignmentRule>) => void;
  errors: Record<string, string>;
  users: Person[];
  teams: Team[];
  disabled?: boolean;
}) {
  // Held here: "a person" with nobody picked yet has no target to tell it from "a team".
  const [kind, setKindState] = useState<TargetKind>(targetKind(rule));
  // Switching keeps nothing of the other target: a rule names exactly one.
  const setKind = (next: TargetKind) => {
    setKindState(next);
    change({ target_team_id: null, target_user_id: null });
  };
  const activeUsers = users.filter((u) => u.is_active !== false);
  return (
    <Box sx={{ display: "grid", gap: 2 }}>
      <Box sx={{ display: "flex", gap: 1.5, alignItems: "flex-start", flexWrap: "wrap" }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={kind}
          onChange={(_, v: TargetKind | null) => v && setKind(v)}
          disabled={disabled}
          aria-label="Assign to"
        >
          <ToggleButton value="team" className="target-team">
            A team
          </ToggleButton>
          <ToggleButton value="user" className="target-user">
            A person
          </ToggleButton>
        </ToggleButtonGroup>
        {kind === "team" ? (
          <Autocomplete<Team>
            size="small"
            options={teams.filter((t) => t.is_active !== false)}
            value={teams.find((t) => t.id === rule.target_team_id) ?? null}
            getOptionLabel={(t) => t.name}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            onChange={(_, t) => change({ target_team_id: t?.id ?? null, target_user_id: null })}
            disabled={disabled}
            sx={{ flex: 1, minWidth: 220 }}
            renderInput={(params) => (
              <TextField
                {...params}
                label="Team"
                error={Boolean(errors.target)}
                helperText={errors.target}
                slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, name: "target_team" } }}
              />
            )}
          />
        ) : (
          <Autocomplete<Person>
            size="small"
            options={activeUsers}
            value={users.find((u) => u.id === rule.target_user_id) ?? null}
            getOptionLabel={(u) => u.name}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            onChange={(_, u) => change({ target_user_id: u?.id ?? null, target_team_id: null })}
            disabled={disabled}
            sx={{ flex: 1, minWidth: 220 }}
            renderInput={(params) => (
              <TextField
                {...params}
                label="Person"
                error={Boolean(errors.target)}
                helperText={errors.target}
                slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, name: "target_user" } }}
              />
            )}
          />
        )}
      </Box>
      {kind === "team" && (
        <TextField
          select
          size="small"
          label="Who in the team"
          name="strategy"
          value={rule.strategy}
          onChange={(e) => change({ strategy: e.target.value as Strategy })}
          disabled={disabled}
          helperText={`${STRATEGIES.find((s) => s.id === rule.strategy)?.help ?? ""}. Out-of-office members, members outside their working hours and members at capacity are skipped.`}
          slotProps={{ select: { native: true } }}
        >
          {STRATEGIES.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </TextField>
      )}
      <Box sx={{ display: "flex", gap: 1.5, alignItems: "flex-start", flexWrap: "wrap" }}>
        <TextField
          type="number"
          size="small"
          label="SLA: contact within (minutes)"
          name="sla_minutes"
          value={rule.sla_minutes ?? ""}
          onChange={(e) => change({ sla_minutes: e.target.value.trim() === "" ? null : Number(e.target.value) })}
          error={Boolean(errors.sla_minutes)}
          helperText={errors.sla_minutes ?? (rule.sla_minutes ? slaText(rule.sla_minutes) : "Empty: no SLA")}
          disabled={disabled}
          slotProps={{ htmlInput: { min: 1, step: 1 } }}
          sx={{ width: 240 }}
        />
        {rule.sla_minutes ? (
          <TextField
            select
            size="small"
            label="When missed"
            name="sla_action"
            value={rule.sla_action}
            onChange={(e) => change({ sla_action: e.target.value as SlaAction })}
            disabled={disabled}
            slotProps={{ select: { native: true } }}
            sx={{ minWidth: 240 }}
          >
            {SLA_ACTIONS.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </TextField>
        ) : (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            A lead not contacted in time is reassigned or escalated.
          </Typography>
        )}
      </Box>
    </Box>
  );
}
