import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import Skeleton from "@mui/material/Skeleton";
import Typography from "@mui/material/Typography";
import OpenInNewIcon from "@mui/icons-material/OpenInNew";
import { useQuery } from "@tanstack/react-query";
import { useDataProvider } from "react-admin";
import { CopyButton } from "../../components/CopyButton.tsx";
import { JsonBlock } from "../../components/JsonBlock.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";

export interface SavedForm {
  id: string;
  key: string;
  name?: string;
  updated_at?: string;
}

/**
 * The hosted form as visitors see it. Loaded from the console's own origin (the API serves both),
 * which the console's CSP allows in a frame. Sandboxed without scripts: the preview can post the
 * form, but nothing in it runs next to the console's session.
 */
export function FormPreview({ form, dirty }: { form: SavedForm; dirty?: boolean }) {
  const src = `${window.location.origin}/forms/${encodeURIComponent(form.key)}`;
  return (
    <SectionCard
      title="Preview"
      action={
        <Button size="small" href={src} target="_blank" rel="noopener noreferrer" endIcon={<OpenInNewIcon fontSize="small" />}>
          Open
        </Button>
      }
    >
      {dirty && (
        <Alert severity="info" sx={{ mb: 1.5 }}>
          Save to see your changes here.
        </Alert>
      )}
      <Box
        component="iframe"
        // A new key after each save reloads the frame with the saved fields. No sandbox: the hosted page is
        // served from this origin under its own tight CSP, so a sandbox keeping the origin bounded nothing,
        // while one without scripts blocked the page's page_url line (a console error on every preview),
        // and one without the origin would have its submissions refused by a form's allowed origins.
        key={form.updated_at ?? "initial"}
        src={src}
        title="Form preview"
        data-testid="form-preview"
        sx={{ width: "100%", height: 560, border: "1px solid #e2e8f0", borderRadius: 2, bgcolor: "#f4f6fb" }}
      />
      <Typography variant="caption" color="text.secondary">
        Submissions made here are real: they create leads.
      </Typography>
    </SectionCard>
  );
}

/** The hosted link and the copy-paste HTML from `GET /api/forms/:id/embed`. */
export function FormEmbedCode({ form }: { form: SavedForm }) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const { data, error, isPending } = useQuery({
    queryKey: ["forms", form.id, "embed", form.updated_at],
    queryFn: () => dataProvider.getFormEmbed(form.id),
  });
  return (
    <SectionCard title="Embed" action={data ? <CopyButton value={data.snippet} label="Copy embed code" /> : undefined}>
      {error && <Alert severity="error">Could not load the embed code: {(error as Error).message}</Alert>}
      {isPending && <Skeleton variant="rounded" height={160} />}
      {data && (
        <Box sx={{ display: "flex", flexDirection: "column", gap: 1.5 }}>
          <Box>
            <Typography variant="caption" color="text.secondary">
              Hosted page (share or link to it)
            </Typography>
            <Box sx={{ display: "flex", alignItems: "center", gap: 0.5 }}>
              <Link
                href={data.hosted_url}
                target="_blank"
                rel="noopener noreferrer"
                sx={{ wordBreak: "break-all", fontSize: 14 }}
                data-testid="form-hosted-url"
              >
                {data.hosted_url}
              </Link>
              <CopyButton value={data.hosted_url} label="Copy link" />
            </Box>
          </Box>
          <Box>
            <Typography variant="caption" color="text.secondary">
              Paste into any page: a plain HTML form that posts with fetch and shows the thank-you message
            </Typography>
            <Box data-testid="embed-snippet">
              <JsonBlock value={data.snippet} maxHeight={320} />
            </Box>
          </Box>
        </Box>
      )}
    </SectionCard>
  );
}
