import { useEffect, useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import LinearProgress from "@mui/material/LinearProgress";
import Typography from "@mui/material/Typography";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDataProvider } from "react-admin";
import { SectionCard } from "../components/SectionCard.tsx";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import type { Lead } from "../resources/leads/leadModel.ts";
import { LeadPicker } from "./LeadPicker.tsx";
import type { Step } from "./sequenceModel.ts";

/** Waits for typing to pause before rendering again, so each keystroke is not a request. */
function useSettled<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** An email step rendered by the API with a real lead: subject, text, and the HTML in a sandboxed frame. */
export function PreviewPanel({ step, number }: { step: Step | null; number: number | null }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const [lead, setLead] = useState<Lead | null>(null);
  const body = useSettled({ subject: step?.subject ?? "", body_text: step?.body_text ?? "", body_html: step?.body_html ?? "" });
  const result = useQuery({
    queryKey: ["sequences", "preview", lead?.id, body],
    queryFn: () => dataProvider.previewSequenceEmail({ ...body, lead_id: String(lead!.id) }),
    enabled: lead !== null && step !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
  return (
    <SectionCard title={number ? `Preview of step ${number}` : "Preview"} id="sequence-preview">
      <Box data-testid="sequence-preview" sx={{ display: "flex", flexDirection: "column", gap: 1.5 }}>
        {!step ? (
          <Typography variant="body2" color="text.secondary">
            Pick an email step's eye button to preview it.
          </Typography>
        ) : (
          <>
            <LeadPicker value={lead} onChange={setLead} label="Render for lead" testId="preview-lead" />
            {result.isFetching && <LinearProgress />}
            {result.error && <Alert severity="error">{(result.error as Error).message}</Alert>}
            {lead && result.data && (
              <Box className="preview-result">
                <Typography variant="caption" color="text.secondary">
                  Subject
                </Typography>
                <Typography variant="body1" sx={{ fontWeight: 600, mb: 1 }} className="preview-subject">
                  {result.data.subject}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  Plain text
                </Typography>
                <Box
                  component="pre"
                  className="preview-text"
                  sx={{
                    whiteSpace: "pre-wrap",
                    fontFamily: "inherit",
                    fontSize: 14,
                    bgcolor: "#f8fafc",
                    p: 1.5,
                    borderRadius: 1,
                    m: 0,
                    mb: 1,
                  }}
                >
                  {result.data.text}
                </Box>
                <Typography variant="caption" color="text.secondary">
                  HTML
                </Typography>
                {/* No sandbox permissions: the mail's HTML can neither run script nor reach the console. */}
                <Box
                  component="iframe"
                  title="HTML preview"
                  sandbox=""
                  srcDoc={result.data.html}
                  className="preview-html"
                  sx={{ width: "100%", height: 320, border: "1px solid #e2e8f0", borderRadius: 1, bgcolor: "#fff" }}
                />
              </Box>
            )}
          </>
        )}
      </Box>
    </SectionCard>
  );
}
