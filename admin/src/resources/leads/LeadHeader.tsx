import type { ReactNode } from "react";
import Avatar from "@mui/material/Avatar";
import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import Chip from "@mui/material/Chip";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import EmailIcon from "@mui/icons-material/MailOutlined";
import PhoneIcon from "@mui/icons-material/PhoneOutlined";
import PlaceIcon from "@mui/icons-material/PlaceOutlined";
import PersonIcon from "@mui/icons-material/PersonOutlined";
import WarningIcon from "@mui/icons-material/WarningAmberOutlined";
import { ReferenceField, useRecordContext } from "react-admin";
import { ScoreBar } from "../../components/ScoreBar.tsx";
import { ToneChip } from "../../components/ToneChip.tsx";
import { labelOf } from "../../components/toneModel.ts";
import { formatDateTime } from "./LeadFieldValue.tsx";
import { LeadStatusMenu } from "./LeadStatusMenu.tsx";
import { LEAD_PRIORITIES, type Lead, formatBudget, leadDisplayName, leadInitials, priorityTone, slaState } from "./leadModel.ts";

function Fact({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 0.75, color: "text.secondary", minWidth: 0 }}>
      {icon}
      <Box sx={{ minWidth: 0, color: "text.primary", fontSize: 14 }}>{children}</Box>
    </Box>
  );
}

export function LeadHeader() {
  const lead = useRecordContext<Lead>();
  if (!lead) return null;
  const place = [lead.city, lead.state, lead.country].filter(Boolean).join(", ");
  const role = [lead.job_title, lead.company].filter(Boolean).join(" at ");
  const sla = slaState(lead);
  return (
    <Card variant="outlined" sx={{ p: 2.5, borderRadius: 2 }} data-testid="lead-header">
      <Box sx={{ display: "flex", gap: 2, alignItems: "flex-start", flexWrap: "wrap" }}>
        <Avatar sx={{ width: 56, height: 56, fontSize: 22, bgcolor: "#1e3a8a" }}>{leadInitials(lead)}</Avatar>
        <Box sx={{ flex: 1, minWidth: 240 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap", rowGap: 0.5 }}>
            <Typography variant="h5" component="h1" className="lead-title" sx={{ wordBreak: "break-word" }}>
              {leadDisplayName(lead)}
            </Typography>
            <Chip label={lead.lead_number} size="small" variant="outlined" sx={{ fontFamily: "monospace" }} />
            <LeadStatusMenu />
            <ToneChip label={`${labelOf(LEAD_PRIORITIES, lead.priority)} priority`} tone={priorityTone(lead.priority)} />
            {lead.grade ? <ToneChip label={`Grade ${String(lead.grade)}`} tone="violet" /> : null}
            {sla && <ToneChip label={sla.label} tone={sla.tone} />}
            {lead.is_duplicate ? <ToneChip label="Possible duplicate" tone="orange" /> : null}
            {lead.dnd ? <ToneChip label="DND" tone="red" /> : null}
          </Stack>
          {role && (
            <Typography variant="body1" color="text.secondary" sx={{ mt: 0.5 }}>
              {role}
            </Typography>
          )}
          <Box sx={{ display: "flex", flexWrap: "wrap", columnGap: 3, rowGap: 1, mt: 1.5 }}>
            {lead.email && (
              <Fact icon={<EmailIcon fontSize="small" />}>
                <Link href={`mailto:${lead.email}`} className="lead-email">
                  {lead.email}
                </Link>
              </Fact>
            )}
            {(lead.phone_e164 || lead.phone) && (
              <Fact icon={<PhoneIcon fontSize="small" />}>
                <Link href={`tel:${lead.phone_e164 ?? ""}`}>{lead.phone_e164 || lead.phone}</Link>
              </Fact>
            )}
            {place && <Fact icon={<PlaceIcon fontSize="small" />}>{place}</Fact>}
            <Fact icon={<PersonIcon fontSize="small" />}>
              <span className="lead-owner">
                {lead.owner_id ? <ReferenceField source="owner_id" reference="users" link="show" /> : "Unassigned"}
              </span>
            </Fact>
          </Box>
        </Box>
        <Box sx={{ display: "grid", gridTemplateColumns: "auto auto", columnGap: 2, rowGap: 0.5, alignItems: "center", minWidth: 220 }}>
          <Typography variant="caption" color="text.secondary">
            Score
          </Typography>
          <ScoreBar score={lead.lead_score} width={96} />
          <Typography variant="caption" color="text.secondary">
            Budget
          </Typography>
          <Typography variant="body2">{formatBudget(lead.budget, lead.budget_currency)}</Typography>
          <Typography variant="caption" color="text.secondary">
            Source
          </Typography>
          <Typography variant="body2">{[lead.source, lead.subsource].filter(Boolean).join(" / ") || "—"}</Typography>
          <Typography variant="caption" color="text.secondary">
            Created
          </Typography>
          <Typography variant="body2">{formatDateTime(lead.created_at)}</Typography>
        </Box>
      </Box>
      {typeof lead.validation_status === "string" && lead.validation_status !== "valid" && (
        <Box sx={{ mt: 2, p: 1.25, borderRadius: 1.5, bgcolor: "#fffbeb", display: "flex", gap: 1, alignItems: "flex-start" }}>
          <WarningIcon fontSize="small" sx={{ color: "#b45309", mt: 0.25 }} />
          <Typography variant="body2" sx={{ color: "#92400e" }}>
            Validation: {String(lead.validation_status)}
            {Array.isArray(lead.validation_notes) &&
              lead.validation_notes.length > 0 &&
              ` — ${lead.validation_notes.map(String).join("; ")}`}
          </Typography>
        </Box>
      )}
    </Card>
  );
}
