import { useState } from "react";
import Alert from "@mui/material/Alert";
import Autocomplete from "@mui/material/Autocomplete";
import Box from "@mui/material/Box";
import LinearProgress from "@mui/material/LinearProgress";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import MatchIcon from "@mui/icons-material/CheckCircleOutlined";
import MissIcon from "@mui/icons-material/CancelOutlined";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDataProvider, useGetList } from "react-admin";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import { type Lead, leadDisplayName } from "../resources/leads/leadModel.ts";
import { type Group, normaliseCondition } from "./conditionModel.ts";
import { stableJson } from "./draftModel.ts";
import { explainRows } from "./explainModel.ts";

const leadLabel = (l: Lead) => `${l.lead_number ?? ""} · ${leadDisplayName(l)}`;

/**
 * "Test this rule against a lead": pick a lead, see whether the condition holds and what the lead
 * had for each check. Re-runs as the condition is edited; `valid` holds it back while a check is incomplete.
 */
export function RuleTestPanel({ condition, valid }: { condition: Group; valid: boolean }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const [search, setSearch] = useState("");
  const [lead, setLead] = useState<Lead | null>(null);
  const { data: leads = [], isFetching: searching } = useGetList<Lead>(
    "leads",
    {
      filter: search.trim() ? { q: search.trim() } : {},
      pagination: { page: 1, perPage: 10 },
      sort: { field: "created_at", order: "DESC" },
    },
    { placeholderData: keepPreviousData },
  );
  const normalised = normaliseCondition(condition);
  const result = useQuery({
    queryKey: ["rules", "test", lead?.id, stableJson(normalised)],
    queryFn: () => dataProvider.testCondition(normalised, String(lead!.id)),
    enabled: lead !== null && valid,
    placeholderData: keepPreviousData,
    retry: false,
  });

  return (
    <Box data-testid="rule-test">
      <Autocomplete<Lead>
        size="small"
        options={leads}
        value={lead}
        loading={searching}
        filterOptions={(x) => x}
        getOptionLabel={leadLabel}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        onChange={(_, v) => setLead(v)}
        onInputChange={(_, v, reason) => reason === "input" && setSearch(v)}
        renderOption={(props, l) => {
          const { key, ...rest } = props;
          return (
            <Box component="li" key={key} {...rest} className={`${rest.className ?? ""} rule-test-option`}>
              <Box>
                <Typography variant="body2">{leadDisplayName(l)}</Typography>
                <Typography variant="caption" color="text.secondary">
                  {[l.lead_number, l.company, l.city].filter(Boolean).join(" · ")}
                </Typography>
              </Box>
            </Box>
          );
        }}
        renderInput={(params) => (
          <TextField
            {...params}
            label="Test against a lead"
            placeholder="Name, email, phone or LEAD-…"
            slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, "aria-label": "Test against a lead" } }}
          />
        )}
      />
      {lead && !valid && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Finish the checks above to test them.
        </Typography>
      )}
      {result.isFetching && <LinearProgress sx={{ mt: 1 }} aria-label="Testing" />}
      {result.error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          Could not test the rule: {(result.error as Error).message}
        </Alert>
      )}
      {lead && valid && result.data && (
        <Box sx={{ mt: 1.5 }} data-testid="rule-test-result" data-matched={String(result.data.matched)}>
          <Alert
            severity={result.data.matched ? "success" : "info"}
            icon={result.data.matched ? <MatchIcon /> : <MissIcon />}
            sx={{ mb: 1 }}
          >
            {result.data.matched ? `${result.data.lead.name} matches this rule.` : `${result.data.lead.name} does not match this rule.`}
          </Alert>
          <Box component="ul" sx={{ listStyle: "none", m: 0, p: 0 }}>
            {explainRows(result.data.explanation).map((row, i) => (
              <Box
                component="li"
                key={i}
                className={`explain-row ${row.matched ? "matched" : "missed"}`}
                sx={{ display: "flex", alignItems: "baseline", gap: 1, pl: row.depth * 2.5, py: 0.25, fontSize: 14 }}
              >
                {row.matched ? (
                  <MatchIcon sx={{ fontSize: 16, color: "success.main", alignSelf: "center" }} />
                ) : (
                  <MissIcon sx={{ fontSize: 16, color: "text.disabled", alignSelf: "center" }} />
                )}
                <span>{row.text}</span>
                {row.actual !== undefined && (
                  <Typography component="span" variant="caption" color="text.secondary" className="explain-actual">
                    lead has: {row.actual}
                  </Typography>
                )}
              </Box>
            ))}
          </Box>
        </Box>
      )}
    </Box>
  );
}
