import { type DragEvent, useRef, useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import LinearProgress from "@mui/material/LinearProgress";
import Typography from "@mui/material/Typography";
import UploadIcon from "@mui/icons-material/UploadFileOutlined";
import { useDataProvider } from "react-admin";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import { type ImportRecord, MAX_UPLOAD_BYTES, formatBytes, uploadProblem } from "./importModel.ts";

/** Drop a CSV file or choose one; it is sent at once, with a progress bar (large files take a while). */
export function UploadStep({ onUploaded }: { onUploaded: (imp: ImportRecord) => void }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const uploading = progress !== null;

  const upload = async (chosen: File) => {
    setFile(chosen);
    setError(uploadProblem(chosen));
    if (uploadProblem(chosen)) return;
    abort.current = new AbortController();
    setProgress(0);
    try {
      onUploaded(await dataProvider.uploadImport(chosen, {}, { onProgress: setProgress, signal: abort.current.signal }));
    } catch (err) {
      setError((err as Error).message || "The upload failed");
    } finally {
      setProgress(null);
      abort.current = null;
      // The same file can be chosen again after a failure.
      if (input.current) input.current.value = "";
    }
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files?.[0];
    if (dropped && !uploading) void upload(dropped);
  };

  return (
    <Box>
      <Box
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        data-testid="import-dropzone"
        sx={{
          border: "2px dashed",
          borderColor: dragging ? "primary.main" : "divider",
          bgcolor: dragging ? "action.hover" : "#f8fafc",
          borderRadius: 2,
          p: 5,
          textAlign: "center",
          transition: "border-color 120ms, background-color 120ms",
        }}
      >
        <UploadIcon sx={{ fontSize: 44, color: "text.secondary" }} />
        <Typography variant="subtitle1" sx={{ mt: 1 }}>
          Drop a CSV file here
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          or choose one · the separator and the encoding are detected · up to {formatBytes(MAX_UPLOAD_BYTES)}
        </Typography>
        <Button variant="contained" onClick={() => input.current?.click()} disabled={uploading} data-testid="choose-file">
          Choose file
        </Button>
        <input
          ref={input}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
          hidden
          name="file"
          data-testid="import-file"
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            if (chosen) void upload(chosen);
          }}
        />
      </Box>
      {file && uploading && (
        <Box sx={{ mt: 2 }} data-testid="upload-progress">
          <Box sx={{ display: "flex", justifyContent: "space-between", alignItems: "center", mb: 0.5 }}>
            <Typography variant="body2">
              Uploading {file.name} ({formatBytes(file.size)})… {Math.round((progress ?? 0) * 100)}%
            </Typography>
            <Button size="small" onClick={() => abort.current?.abort()}>
              Stop
            </Button>
          </Box>
          {/* The last percent is the server reading the file's first lines: indeterminate then. */}
          <LinearProgress
            variant={(progress ?? 0) >= 1 ? "indeterminate" : "determinate"}
            value={Math.round((progress ?? 0) * 100)}
            sx={{ height: 8, borderRadius: 4 }}
            aria-label="Upload progress"
          />
        </Box>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="upload-error">
          {error}
        </Alert>
      )}
    </Box>
  );
}
