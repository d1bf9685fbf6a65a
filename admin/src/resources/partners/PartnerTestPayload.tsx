import { useEffect, useState } from "react";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import Typography from "@mui/material/Typography";
import SendIcon from "@mui/icons-material/SendOutlined";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useDataProvider, useNotify } from "react-admin";
import { ToneChip } from "../../components/ToneChip.tsx";
import { labelOf, toneOf } from "../../components/toneModel.ts";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import { EVENT_OUTCOMES, EVENT_STATUSES, describeEventError, isSettled } from "../inbound_events/inboundEventModel.ts";

interface EventState {
  id: string;
  status: string;
  outcome?: string | null;
  error?: unknown;
  lead_id?: string | null;
}

/**
 * "Send test payload": the API runs a sample in the vendor's shape through the real intake path;
 * the button then follows the resulting inbound event until intake has decided its outcome.
 */
export function PartnerTestPayload({ partnerId, format }: { partnerId: string; format: string }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [eventId, setEventId] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const { data: event } = useQuery({
    queryKey: ["inbound_events", "test", eventId],
    queryFn: async () => (await dataProvider.getOne<EventState & { id: string }>("inbound_events", { id: eventId! })).data,
    enabled: eventId !== null,
    refetchInterval: (query) => (isSettled(query.state.data) ? false : 1000),
  });
  const settled = isSettled(event);

  const send = async () => {
    setSending(true);
    try {
      const result = await dataProvider.sendPartnerTest(partnerId, format);
      setEventId(result.id);
    } catch (error) {
      notify((error as Error).message || "Could not send the test payload", { type: "error" });
    } finally {
      setSending(false);
    }
  };

  useEffect(() => {
    // The settled delivery now counts in the health panel and shows in the deliveries list.
    if (settled && eventId) {
      void queryClient.invalidateQueries({ queryKey: ["source-health"] });
      void queryClient.invalidateQueries({ queryKey: ["inbound_events", "getManyReference"] });
    }
  }, [settled, eventId, queryClient]);
  const error = settled ? describeEventError(event?.error) : null;
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap" }} data-testid={`test-payload-${format}`}>
      <Button
        size="small"
        variant="outlined"
        startIcon={<SendIcon fontSize="small" />}
        onClick={send}
        disabled={sending || (eventId !== null && !settled)}
      >
        Send test payload
      </Button>
      {eventId && (
        <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap" }} className="test-result">
          {!settled && <CircularProgress size={16} />}
          {event && <ToneChip label={labelOf(EVENT_STATUSES, event.status)} tone={toneOf(EVENT_STATUSES, event.status)} />}
          {event?.outcome && (
            <Box component="span" className="test-outcome" data-outcome={event.outcome}>
              <ToneChip label={labelOf(EVENT_OUTCOMES, event.outcome)} tone={toneOf(EVENT_OUTCOMES, event.outcome)} />
            </Box>
          )}
          {error && (
            <Typography variant="caption" color="error" sx={{ wordBreak: "break-word" }}>
              {error.code ? `${error.code}: ` : ""}
              {error.message}
            </Typography>
          )}
          <Link to={`/inbound_events/${encodeURIComponent(eventId)}/show`} sx={{ fontSize: 13 }}>
            View event
          </Link>
          {event?.lead_id && (
            <Link to={`/leads/${encodeURIComponent(event.lead_id)}/show`} sx={{ fontSize: 13 }}>
              View lead
            </Link>
          )}
        </Box>
      )}
    </Box>
  );
}
