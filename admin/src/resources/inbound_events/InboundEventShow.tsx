import type { ReactNode } from "react";
import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { ReferenceField, Show, useRecordContext } from "react-admin";
import { CopyButton } from "../../components/CopyButton.tsx";
import { JsonBlock } from "../../components/JsonBlock.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { ToneChip } from "../../components/ToneChip.tsx";
import { labelOf, toneOf } from "../../components/toneModel.ts";
import { formatDateTime } from "../leads/LeadFieldValue.tsx";
import { InboundEventActions } from "./InboundEventActions.tsx";
import {
  CHANNELS,
  EVENT_OUTCOMES,
  EVENT_STATUSES,
  byteSize,
  describeEventError,
  eventErrorSeverity,
  payloadText,
} from "./inboundEventModel.ts";

interface InboundEvent {
  id: string;
  channel: string;
  format?: string;
  partner_id?: string | null;
  form_id?: string | null;
  idempotency_key?: string | null;
  status: string;
  outcome?: string | null;
  lead_id?: string | null;
  error?: unknown;
  payload?: unknown;
  raw?: string | null;
  content_type?: string | null;
  remote_ip?: string | null;
  attempts?: number;
  processed_at?: string | null;
  created_at: string;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography variant="caption" color="text.secondary" sx={{ pt: 0.25 }}>
        {label}
      </Typography>
      <Box sx={{ minWidth: 0, fontSize: 14, wordBreak: "break-word" }}>{children ?? "—"}</Box>
    </>
  );
}

function EventDetails() {
  const event = useRecordContext<InboundEvent>();
  if (!event) return null;
  const error = describeEventError(event.error);
  const payload = payloadText(event.payload, null);
  const raw = typeof event.raw === "string" && event.raw !== "" ? event.raw : null;
  return (
    <Box sx={{ display: "flex", flexDirection: "column", gap: 2, pb: 3 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap", rowGap: 1 }}>
        <Typography variant="h5" component="h1">
          Inbound event
        </Typography>
        <ToneChip label={labelOf(CHANNELS, event.channel)} tone={toneOf(CHANNELS, event.channel)} />
        <ToneChip label={labelOf(EVENT_STATUSES, event.status)} tone={toneOf(EVENT_STATUSES, event.status)} />
        {event.outcome && <ToneChip label={labelOf(EVENT_OUTCOMES, event.outcome)} tone={toneOf(EVENT_OUTCOMES, event.outcome)} />}
        <Chip size="small" variant="outlined" label={event.id} sx={{ fontFamily: "monospace" }} />
      </Stack>
      {error && (
        <Alert severity={eventErrorSeverity(event)} data-testid="event-error">
          <AlertTitle>{error.code ?? "Processing failed"}</AlertTitle>
          {error.message}
          {error.details !== undefined && error.details !== null && (
            <Box sx={{ mt: 1 }}>
              <JsonBlock value={error.details} maxHeight={200} />
            </Box>
          )}
        </Alert>
      )}
      <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "minmax(0, 1fr) minmax(0, 2fr)" }, alignItems: "start" }}>
        <SectionCard title="Details">
          <Box sx={{ display: "grid", gridTemplateColumns: "130px 1fr", columnGap: 2, rowGap: 1.25 }}>
            <Row label="Lead">{event.lead_id ? <ReferenceField source="lead_id" reference="leads" link="show" /> : "—"}</Row>
            <Row label="Partner">{event.partner_id ? <ReferenceField source="partner_id" reference="partners" link="show" /> : "—"}</Row>
            {event.form_id && (
              <Row label="Web form">
                <ReferenceField source="form_id" reference="web_forms" link="show" />
              </Row>
            )}
            <Row label="Format">{event.format}</Row>
            <Row label="Idempotency key">
              {event.idempotency_key ? (
                <Box component="span" sx={{ fontFamily: "monospace" }}>
                  {event.idempotency_key}
                </Box>
              ) : null}
            </Row>
            <Row label="Content type">{event.content_type}</Row>
            <Row label="Remote IP">{event.remote_ip}</Row>
            <Row label="Attempts">{String(event.attempts ?? 0)}</Row>
            <Row label="Received">{formatDateTime(event.created_at)}</Row>
            <Row label="Processed">{event.processed_at ? formatDateTime(event.processed_at) : "Not yet"}</Row>
          </Box>
        </SectionCard>
        <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
          <SectionCard
            title={`Payload${payload.kind !== "none" ? ` · ${byteSize(payload.text)}` : ""}`}
            action={payload.kind !== "none" ? <CopyButton value={payload.text} label="Copy payload" /> : undefined}
          >
            {payload.kind === "none" ? (
              <Typography variant="body2" color="text.secondary">
                No parsed payload stored
              </Typography>
            ) : (
              <Box data-testid="event-payload">
                <JsonBlock value={payload.text} />
              </Box>
            )}
          </SectionCard>
          {raw && (
            <SectionCard title={`Raw body · ${byteSize(raw)}`} action={<CopyButton value={raw} label="Copy raw body" />}>
              <JsonBlock value={raw} maxHeight={320} />
            </SectionCard>
          )}
        </Box>
      </Box>
    </Box>
  );
}

export function InboundEventShow() {
  return (
    <Show component="div" title="Inbound event" actions={<InboundEventActions />}>
      <EventDetails />
    </Show>
  );
}
