import { useState } from "react";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Link from "@mui/material/Link";
import Typography from "@mui/material/Typography";
import CheckCircleIcon from "@mui/icons-material/CheckCircle";
import CancelIcon from "@mui/icons-material/CancelOutlined";
import { ReferenceField, useRecordContext } from "react-admin";
import { ToneChip } from "../../components/ToneChip.tsx";
import { labelOf, toneOf } from "../../components/toneModel.ts";
import { SectionCard } from "../../components/SectionCard.tsx";
import { type LeadField, type LeadFieldGroup, splitFilled } from "./leadFields.ts";
import { customFieldRows, formatBudget, safeExternalUrl, type Lead } from "./leadModel.ts";

const EMPTY = (
  <Typography component="span" variant="body2" color="text.disabled">
    —
  </Typography>
);

export function formatDateTime(value: unknown): string {
  if (typeof value !== "string" || !value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString("en-IN", { dateStyle: "medium", timeStyle: "short" });
}

/** One value rendered by kind; every string goes through React's escaping, links only for http(s). */
function FieldValue({ field, lead }: { field: LeadField; lead: Lead }) {
  const value = lead[field.source];
  if (field.kind === "boolean") {
    return value ? (
      <Box sx={{ display: "flex", alignItems: "center", gap: 0.5, color: "success.main" }}>
        <CheckCircleIcon fontSize="small" /> <Typography variant="body2">Yes</Typography>
      </Box>
    ) : (
      <Box sx={{ display: "flex", alignItems: "center", gap: 0.5, color: "text.secondary" }}>
        <CancelIcon fontSize="small" /> <Typography variant="body2">No</Typography>
      </Box>
    );
  }
  if (field.kind === "money") return <Typography variant="body2">{formatBudget(value, lead.budget_currency)}</Typography>;
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return EMPTY;
  const text = String(value);
  switch (field.kind) {
    case "email":
      return (
        <Link href={`mailto:${text}`} variant="body2">
          {text}
        </Link>
      );
    case "phone":
      return (
        <Link href={`tel:${text.replace(/[^\d+]/g, "")}`} variant="body2">
          {text}
        </Link>
      );
    case "url": {
      const href = safeExternalUrl(text);
      return href ? (
        <Link href={href} target="_blank" rel="noopener noreferrer nofollow" variant="body2" sx={{ wordBreak: "break-all" }}>
          {text}
        </Link>
      ) : (
        <Typography variant="body2" sx={{ wordBreak: "break-all" }}>
          {text}
        </Typography>
      );
    }
    case "select":
      return <ToneChip label={labelOf(field.choices ?? [], value)} tone={toneOf(field.choices ?? [], value)} />;
    case "datetime":
      return <Typography variant="body2">{formatDateTime(value)}</Typography>;
    case "tags":
      return (
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 0.5 }}>
          {(Array.isArray(value) ? value : [value]).map((tag, i) => (
            <Chip key={i} label={String(tag)} size="small" variant="outlined" />
          ))}
        </Box>
      );
    case "reference":
      return <ReferenceField source={field.source} reference={field.reference ?? "users"} link="show" />;
    case "longtext":
      return (
        <Typography variant="body2" sx={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
          {text}
        </Typography>
      );
    default:
      return (
        <Typography variant="body2" sx={{ wordBreak: "break-word" }}>
          {text}
        </Typography>
      );
  }
}

/** A group of fields as a label/value grid, the way a rep scans a record card; empty fields fold away. */
export function LeadFieldGroupCard({ group }: { group: LeadFieldGroup }) {
  const lead = useRecordContext<Lead>();
  const [showEmpty, setShowEmpty] = useState(false);
  if (!lead) return null;
  const { filled, empty } = splitFilled(group, lead);
  const fields = showEmpty ? group.fields : filled;
  return (
    <SectionCard
      title={group.label}
      id={`group-${group.id}`}
      action={
        empty.length > 0 ? (
          <Button size="small" onClick={() => setShowEmpty((v) => !v)} sx={{ textTransform: "none" }}>
            {showEmpty ? "Hide empty fields" : `+ ${empty.length} empty`}
          </Button>
        ) : undefined
      }
    >
      {fields.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          Nothing recorded yet
        </Typography>
      )}
      <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr" }, columnGap: 3, rowGap: 1.5 }}>
        {fields.map((field) => (
          <Box key={field.source} sx={{ gridColumn: field.wide ? "1 / -1" : undefined, minWidth: 0 }}>
            <Typography variant="caption" color="text.secondary" component="div">
              {field.label}
            </Typography>
            <FieldValue field={field} lead={lead} />
          </Box>
        ))}
      </Box>
    </SectionCard>
  );
}

export function CustomFieldsCard() {
  const lead = useRecordContext<Lead>();
  const rows = customFieldRows(lead?.custom_fields);
  return (
    <SectionCard title="Custom fields" id="group-custom">
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No custom fields on this lead
        </Typography>
      ) : (
        <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr" }, columnGap: 3, rowGap: 1.5 }}>
          {rows.map((row) => (
            <Box key={row.key} sx={{ minWidth: 0 }}>
              <Typography variant="caption" color="text.secondary" component="div" title={row.key}>
                {row.label}
              </Typography>
              <Typography variant="body2" sx={{ wordBreak: "break-word" }}>
                {row.value}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </SectionCard>
  );
}
