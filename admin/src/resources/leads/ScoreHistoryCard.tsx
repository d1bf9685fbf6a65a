import { Suspense, lazy } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Skeleton from "@mui/material/Skeleton";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useDataProvider, useRecordContext } from "react-admin";
import { SectionCard } from "../../components/SectionCard.tsx";
import { ToneChip } from "../../components/ToneChip.tsx";
import { labelOf, toneOf } from "../../components/toneModel.ts";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import { formatDateTime } from "./LeadFieldValue.tsx";
import type { Lead } from "./leadModel.ts";
import { SCORE_REASONS, clampNote, entryWhy, pointsTone, scoreBreakdown, signed } from "./scoreHistoryModel.ts";

const ScoreChart = lazy(() => import("./ScoreChart.tsx"));
const SHOWN = 8;

/** "Why this score": the rules that hold and the engagement points now, the score over time, and each change's reason. */
export function ScoreHistoryCard() {
  const lead = useRecordContext<Lead>();
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const id = lead?.id;
  // Keyed under the lead so a refresh of the record (a re-score finishing) re-reads it too.
  const { data, error, isPending } = useQuery({
    queryKey: ["leads", id, "score_history"],
    queryFn: () => dataProvider.getScoreHistory(String(id)),
    enabled: id !== undefined,
  });
  if (!lead) return null;
  const breakdown = data ? scoreBreakdown(data, lead) : null;
  const note = breakdown && clampNote(breakdown);

  return (
    <SectionCard title="Why this score" id="lead-score">
      {error && <Alert severity="error">Could not load the score history: {(error as Error).message}</Alert>}
      {isPending && <Skeleton variant="rounded" height={80} />}
      {data && !breakdown && (
        <Typography variant="body2" color="text.secondary">
          This lead has not been scored by rules yet.
        </Typography>
      )}
      {data && breakdown && (
        <Box data-testid="score-why">
          <Box
            component="ul"
            sx={{
              listStyle: "none",
              m: 0,
              p: 0,
              display: "grid",
              gridTemplateColumns: "1fr auto",
              rowGap: 0.5,
              columnGap: 2,
              alignItems: "center",
            }}
          >
            {breakdown.hits.map((h) => (
              <Box component="li" key={h.id} sx={{ display: "contents" }} className="score-rule">
                <Typography variant="body2" className="score-rule-name">
                  {h.name}
                </Typography>
                <ToneChip label={signed(h.points)} tone={pointsTone(h.points)} />
              </Box>
            ))}
            {!breakdown.hits.length && (
              <Typography variant="body2" color="text.secondary" sx={{ gridColumn: "1 / -1" }}>
                No scoring rule matches this lead.
              </Typography>
            )}
            {breakdown.behaviour !== 0 && (
              <Box component="li" sx={{ display: "contents" }}>
                <Typography variant="body2">Engagement (opens, clicks, replies, meetings…)</Typography>
                <ToneChip label={signed(breakdown.behaviour)} tone={pointsTone(breakdown.behaviour)} />
              </Box>
            )}
            <Box component="li" sx={{ display: "contents" }}>
              <Typography variant="body2" sx={{ fontWeight: 700, borderTop: 1, borderColor: "divider", pt: 0.5 }}>
                Score{breakdown.version ? ` (rules v${breakdown.version})` : ""}
              </Typography>
              <Typography
                variant="body2"
                sx={{ fontWeight: 700, textAlign: "right", borderTop: 1, borderColor: "divider", pt: 0.5 }}
                className="score-total"
              >
                {breakdown.score}
              </Typography>
            </Box>
          </Box>
          {note && (
            <Typography variant="caption" color="text.secondary">
              {note}
            </Typography>
          )}
          {data.length > 1 && (
            <Suspense fallback={<Skeleton variant="rounded" height={140} sx={{ mt: 1.5 }} />}>
              <Box sx={{ mt: 1.5 }}>
                <ScoreChart entries={data} />
              </Box>
            </Suspense>
          )}
          <Typography variant="overline" color="text.secondary" component="h3" sx={{ mt: 1.5, display: "block" }}>
            Changes
          </Typography>
          <Box
            component="ol"
            sx={{ listStyle: "none", m: 0, p: 0, display: "flex", flexDirection: "column", gap: 1 }}
            data-testid="score-history"
          >
            {data.slice(0, SHOWN).map((e) => (
              <Box component="li" key={e.id} className={`score-entry score-${e.reason}`}>
                <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap" }}>
                  <Typography variant="body2" sx={{ fontWeight: 600, fontVariantNumeric: "tabular-nums" }}>
                    {e.reason === "rules" ? e.score : `${e.previous_score} → ${e.score}`} ({e.grade})
                  </Typography>
                  <ToneChip label={labelOf(SCORE_REASONS, e.reason)} tone={toneOf(SCORE_REASONS, e.reason)} />
                  <Typography variant="caption" color="text.secondary">
                    {formatDateTime(e.created_at)}
                  </Typography>
                </Box>
                <Typography variant="caption" color="text.secondary" component="div" className="score-entry-why">
                  {entryWhy(e)}
                </Typography>
              </Box>
            ))}
          </Box>
          {data.length > SHOWN && (
            <Typography variant="caption" color="text.secondary">
              {data.length - SHOWN} earlier changes are on the timeline.
            </Typography>
          )}
        </Box>
      )}
    </SectionCard>
  );
}
