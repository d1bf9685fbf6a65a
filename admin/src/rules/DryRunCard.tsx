import { type ReactNode, useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import LinearProgress from "@mui/material/LinearProgress";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import RunIcon from "@mui/icons-material/PlayArrowOutlined";
import { SectionCard } from "../components/SectionCard.tsx";

const LIMITS = [50, 200, 1000, 5000];

/**
 * Runs the draft over the latest N leads on the API, writing nothing, and shows what would change
 * (`children`). `draftKey` names the draft tried: once it is edited, the result says it is stale.
 */
export function DryRunCard<T>({
  title,
  help,
  draftKey,
  run,
  children,
}: {
  title: string;
  help: string;
  draftKey: string;
  run: (limit: number) => Promise<T>;
  children: (result: T) => ReactNode;
}) {
  const [limit, setLimit] = useState(200);
  const [result, setResult] = useState<{ key: string; data: T } | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setRunning(true);
    setError(null);
    try {
      setResult({ key: draftKey, data: await run(limit) });
    } catch (err) {
      setError((err as Error).message || "The dry run failed");
    } finally {
      setRunning(false);
    }
  };

  return (
    <SectionCard title={title} id="dry-run">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {help}
      </Typography>
      <Box sx={{ display: "flex", gap: 1, alignItems: "center", flexWrap: "wrap" }}>
        <TextField
          select
          size="small"
          label="Try on the latest"
          value={limit}
          onChange={(e) => setLimit(Number(e.target.value))}
          slotProps={{ select: { native: true }, htmlInput: { name: "dry_run_limit" } }}
          sx={{ width: 170 }}
        >
          {LIMITS.map((n) => (
            <option key={n} value={n}>
              {n.toLocaleString("en-IN")} leads
            </option>
          ))}
        </TextField>
        <Button variant="outlined" startIcon={<RunIcon />} onClick={start} disabled={running} data-testid="run-dry-run">
          {running ? "Running…" : "Dry run"}
        </Button>
      </Box>
      {running && <LinearProgress sx={{ mt: 1.5 }} aria-label="Dry run" />}
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {error}
        </Alert>
      )}
      {result && (
        <Box sx={{ mt: 1.5 }} data-testid="dry-run-result">
          {result.key !== draftKey && (
            <Alert severity="warning" sx={{ mb: 1 }} className="dry-run-stale">
              The draft changed after this dry run: run it again to see the effect of your edits.
            </Alert>
          )}
          {children(result.data)}
        </Box>
      )}
    </SectionCard>
  );
}
