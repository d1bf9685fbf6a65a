import { useState } from "react";
import Autocomplete from "@mui/material/Autocomplete";
import Box from "@mui/material/Box";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { keepPreviousData } from "@tanstack/react-query";
import { useGetList } from "react-admin";
import { type Lead, leadDisplayName } from "../resources/leads/leadModel.ts";

const leadLabel = (l: Lead) => `${l.lead_number ?? ""} · ${leadDisplayName(l)}`;

/** The leads list's search (`q`) as the person types, newest first. */
function useLeadSearch() {
  const [search, setSearch] = useState("");
  const { data = [], isFetching } = useGetList<Lead>(
    "leads",
    {
      filter: search.trim() ? { q: search.trim() } : {},
      pagination: { page: 1, perPage: 10 },
      sort: { field: "created_at", order: "DESC" },
    },
    { placeholderData: keepPreviousData },
  );
  return { leads: data, isFetching, setSearch };
}

function renderLeadOption(props: React.HTMLAttributes<HTMLLIElement> & { key: React.Key }, lead: Lead) {
  const { key, ...rest } = props;
  return (
    <Box component="li" key={key} {...rest} className={`${rest.className ?? ""} lead-pick-option`}>
      <Box>
        <Typography variant="body2">{leadDisplayName(lead)}</Typography>
        <Typography variant="caption" color="text.secondary">
          {[lead.lead_number, lead.email, lead.company].filter(Boolean).join(" · ")}
        </Typography>
      </Box>
    </Box>
  );
}

/** One lead, searched by name, email, phone or number (the preview and "test against" pickers). */
export function LeadPicker({
  value,
  onChange,
  label,
  testId,
}: {
  value: Lead | null;
  onChange: (lead: Lead | null) => void;
  label: string;
  testId?: string;
}) {
  const { leads, isFetching, setSearch } = useLeadSearch();
  return (
    <Autocomplete<Lead>
      size="small"
      data-testid={testId}
      options={leads}
      value={value}
      loading={isFetching}
      filterOptions={(x) => x}
      getOptionLabel={leadLabel}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      onChange={(_, v) => onChange(v)}
      onInputChange={(_, v, reason) => reason === "input" && setSearch(v)}
      renderOption={renderLeadOption}
      renderInput={(params) => <TextField {...params} label={label} placeholder="Name, email, phone or LEAD-…" />}
    />
  );
}

/** Several leads at once (the enrol dialog). */
export function LeadsPicker({
  value,
  onChange,
  label,
  testId,
}: {
  value: Lead[];
  onChange: (leads: Lead[]) => void;
  label: string;
  testId?: string;
}) {
  const { leads, isFetching, setSearch } = useLeadSearch();
  return (
    <Autocomplete<Lead, true>
      multiple
      size="small"
      data-testid={testId}
      options={leads}
      value={value}
      loading={isFetching}
      filterOptions={(x) => x}
      filterSelectedOptions
      getOptionLabel={leadLabel}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      onChange={(_, v) => onChange(v)}
      onInputChange={(_, v, reason) => reason === "input" && setSearch(v)}
      renderOption={renderLeadOption}
      renderInput={(params) => <TextField {...params} label={label} placeholder={value.length ? "" : "Name, email, phone or LEAD-…"} />}
    />
  );
}
