import { useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Skeleton from "@mui/material/Skeleton";
import Typography from "@mui/material/Typography";
import { useDataProvider, useGetList, useNotify, useRecordContext } from "react-admin";
import { SectionCard } from "../components/SectionCard.tsx";
import { ToneChip } from "../components/ToneChip.tsx";
import { labelOf, toneOf } from "../components/toneModel.ts";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import type { Lead } from "../resources/leads/leadModel.ts";
import { formatDateTime } from "../resources/leads/LeadFieldValue.tsx";
import { EMAIL_STATUSES, type EmailMessage, emailMoments, needsReconcile } from "./enrollmentModel.ts";

/** The lead's mail log: what was sent, what they did with it, and a way to settle sends whose outcome is unknown. */
export function LeadEmailsCard() {
  const lead = useRecordContext<Lead>();
  const { data, error, isPending, refetch } = useGetList<EmailMessage>(
    "email_messages",
    { filter: { lead_id: lead?.id }, sort: { field: "created_at", order: "DESC" }, pagination: { page: 1, perPage: 50 } },
    { enabled: lead?.id !== undefined },
  );
  if (!lead) return null;
  return (
    <SectionCard title="Emails" id="lead-emails">
      {error && <Alert severity="error">Could not load the emails: {(error as Error).message}</Alert>}
      {isPending && <Skeleton variant="rounded" height={60} />}
      {data && data.length === 0 && (
        <Typography variant="body2" color="text.secondary" className="no-emails">
          No email has been sent to this lead.
        </Typography>
      )}
      {data && data.length > 0 && (
        <Box
          component="ol"
          sx={{ listStyle: "none", m: 0, p: 0, display: "flex", flexDirection: "column", gap: 1 }}
          data-testid="lead-emails"
        >
          {data.map((m) => (
            <EmailRow key={m.id} message={m} onSettled={() => refetch()} />
          ))}
        </Box>
      )}
    </SectionCard>
  );
}

function EmailRow({ message, onSettled }: { message: EmailMessage; onSettled: () => void }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const reconcile = async (outcome: "sent" | "not_sent") => {
    setBusy(true);
    try {
      await dataProvider.reconcileEmail(message.id, outcome);
      notify(outcome === "sent" ? "Marked as sent" : "Marked as not sent", { type: "success" });
      onSettled();
    } catch (err) {
      notify((err as Error).message || "Could not settle it", { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="li" className={`email-row email-${message.status}`} sx={{ border: "1px solid #e2e8f0", borderRadius: 1.5, p: 1.25 }}>
      <Box sx={{ display: "flex", gap: 1, alignItems: "center", flexWrap: "wrap" }}>
        <Typography variant="body2" sx={{ fontWeight: 600, flex: 1, minWidth: 0 }} noWrap className="email-subject">
          {message.subject || "(no subject)"}
        </Typography>
        <ToneChip label={labelOf(EMAIL_STATUSES, message.status)} tone={toneOf(EMAIL_STATUSES, message.status)} />
      </Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {[message.to_address, message.step ? `step ${message.step}` : null].filter(Boolean).join(" · ")}
        {emailMoments(message).map((m) => (
          <span key={m.key} className={`email-moment email-${m.key}`}>
            {" · "}
            {m.label} {formatDateTime(m.at)}
          </span>
        ))}
      </Typography>
      {message.error && (
        <Typography variant="caption" color="error" component="div">
          {message.error}
        </Typography>
      )}
      {needsReconcile(message) && (
        <Box sx={{ display: "flex", gap: 1, mt: 0.75, alignItems: "center", flexWrap: "wrap" }}>
          <Typography variant="caption" color="text.secondary">
            The mail server did not answer clearly: did it go out?
          </Typography>
          <Button size="small" onClick={() => reconcile("sent")} disabled={busy} className="reconcile-sent">
            Mark sent
          </Button>
          <Button size="small" onClick={() => reconcile("not_sent")} disabled={busy} className="reconcile-not-sent">
            Mark not sent
          </Button>
        </Box>
      )}
    </Box>
  );
}
