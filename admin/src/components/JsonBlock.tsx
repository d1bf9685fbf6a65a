import Box from "@mui/material/Box";

/** Raw payloads as text in a <pre>: React escapes it, so a `<script>` in a lead stays visible text. */
export function JsonBlock({ value, maxHeight = 480 }: { value: unknown; maxHeight?: number }) {
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return (
    <Box
      component="pre"
      sx={{
        m: 0,
        p: 2,
        maxHeight,
        overflow: "auto",
        bgcolor: "#0f172a",
        color: "#e2e8f0",
        borderRadius: 2,
        fontSize: 12.5,
        lineHeight: 1.55,
        fontFamily: '"JetBrains Mono", "SFMono-Regular", Menlo, Consolas, monospace',
        whiteSpace: "pre-wrap",
        wordBreak: "break-word",
      }}
    >
      {text ?? "null"}
    </Box>
  );
}
