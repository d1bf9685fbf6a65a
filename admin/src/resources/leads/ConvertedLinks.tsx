import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import Typography from "@mui/material/Typography";
import CheckIcon from "@mui/icons-material/CheckCircleOutlineOutlined";
import { ReferenceField, useRecordContext } from "react-admin";
import { formatDateTime } from "./LeadFieldValue.tsx";
import type { Lead } from "./leadModel.ts";

function Linked({ label, source, reference, testId }: { label: string; source: string; reference: string; testId: string }) {
  return (
    <Box data-testid={testId}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <ReferenceField source={source} reference={reference} link="show" />
    </Box>
  );
}

/** A converted lead points at what it became: the account, the contact and the deal. */
export function ConvertedLinks() {
  const lead = useRecordContext<Lead>();
  if (!lead?.converted_opportunity_id) return null;
  return (
    <Card variant="outlined" sx={{ p: 2, borderRadius: 2, bgcolor: "#f0fdf4", borderColor: "#bbf7d0" }} data-testid="converted-links">
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, mb: 1 }}>
        <CheckIcon fontSize="small" sx={{ color: "#15803d" }} />
        <Typography variant="subtitle2">Converted{lead.converted_at ? ` ${formatDateTime(lead.converted_at)}` : ""}</Typography>
      </Box>
      <Box sx={{ display: "flex", gap: 4, flexWrap: "wrap" }}>
        {lead.converted_account_id ? (
          <Linked label="Account" source="converted_account_id" reference="accounts" testId="converted-account" />
        ) : null}
        {lead.converted_contact_id ? (
          <Linked label="Contact" source="converted_contact_id" reference="contacts" testId="converted-contact" />
        ) : null}
        <Linked label="Deal" source="converted_opportunity_id" reference="opportunities" testId="converted-deal" />
      </Box>
    </Card>
  );
}
