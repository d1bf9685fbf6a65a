import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { useGetOne, usePermissions } from "react-admin";
import { CopyButton } from "../../components/CopyButton.tsx";
import { JsonBlock } from "../../components/JsonBlock.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { readUser } from "../../auth/session.ts";
import type { Permissions } from "../../auth/sessionModel.ts";
import { PartnerTestPayload } from "./PartnerTestPayload.tsx";
import { WEBHOOK_FORMATS, ingestCurlExample, smtpAddress, webhookUrl } from "./partnerModel.ts";

function UrlLine({ url, label }: { url: string; label: string }) {
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 0.5, bgcolor: "#f1f5f9", borderRadius: 1.5, pl: 1.25, minWidth: 0 }}>
      <Box component="code" sx={{ flex: 1, fontSize: 12.5, wordBreak: "break-all", py: 0.75 }} className="webhook-url">
        {url}
      </Box>
      <CopyButton value={url} label={label} />
    </Box>
  );
}

/** One row per vendor format: its URL, what the sender must prove, and a test delivery. */
export function PartnerWebhooks({ partnerId, canTest }: { partnerId: string; canTest: boolean }) {
  const origin = window.location.origin;
  return (
    <SectionCard title="Webhook endpoints">
      <Box sx={{ display: "flex", flexDirection: "column" }} data-testid="partner-webhooks">
        {WEBHOOK_FORMATS.map((f, i) => (
          <Box
            key={f.id}
            sx={{ py: 1.5, borderTop: i === 0 ? "none" : "1px solid #e2e8f0", display: "flex", flexDirection: "column", gap: 0.75 }}
            data-format={f.id}
          >
            <Box sx={{ display: "flex", alignItems: "baseline", gap: 1, flexWrap: "wrap" }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {f.name}
              </Typography>
              <Typography variant="caption" color="text.secondary" sx={{ fontFamily: "monospace" }}>
                {f.id}
              </Typography>
            </Box>
            <UrlLine url={webhookUrl(origin, partnerId, f.id)} label={`Copy ${f.name} URL`} />
            <Box component="ul" sx={{ m: 0, pl: 2.5, color: "text.secondary", fontSize: 13 }}>
              {f.auth.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </Box>
            {canTest && <PartnerTestPayload partnerId={partnerId} format={f.id} />}
          </Box>
        ))}
      </Box>
    </SectionCard>
  );
}

/** The tenant's slug is readable by a platform admin only (`GET /api/tenants/:id`); others see the pattern. */
function useTenantSlug(): string | null {
  const { permissions } = usePermissions<Permissions>();
  const tenantId = readUser()?.tenant_id;
  const { data } = useGetOne<{ id: string; slug?: string }>(
    "tenants",
    { id: tenantId ?? "" },
    { enabled: Boolean(permissions?.isPlatformAdmin && tenantId), retry: false },
  );
  return data?.slug ?? null;
}

export function PartnerEmailIngest() {
  const origin = window.location.origin;
  const address = smtpAddress(useTenantSlug());
  const curl = [
    `curl -X POST ${origin}/ingest/email \\`,
    `  -H "Authorization: Bearer <your-api-key>" \\`,
    `  -H "Content-Type: message/rfc822" \\`,
    `  --data-binary @enquiry.eml`,
  ].join("\n");
  return (
    <SectionCard title="Inbound email">
      <Box sx={{ display: "flex", flexDirection: "column", gap: 1.5 }}>
        <Typography variant="body2">
          Forward portal enquiry mails as raw messages (e.g. from a mail provider's inbound-parse webhook) with this partner's key:
        </Typography>
        <UrlLine url={`${origin}/ingest/email`} label="Copy email endpoint" />
        <Box sx={{ position: "relative" }}>
          <Box sx={{ position: "absolute", right: 4, top: 4, "& button": { color: "#e2e8f0" } }}>
            <CopyButton value={curl} label="Copy example" />
          </Box>
          <JsonBlock value={curl} maxHeight={160} />
        </Box>
        <Typography variant="body2">
          Or send mail over SMTP to the tenant's lead address (when the installation runs its SMTP listener):
        </Typography>
        {address ? (
          <UrlLine url={address} label="Copy SMTP address" />
        ) : (
          <Typography variant="body2" color="text.secondary">
            <code>&lt;tenant slug&gt;@&lt;your MX domain&gt;</code> — ask your platform admin for the tenant's slug.
          </Typography>
        )}
      </Box>
    </SectionCard>
  );
}

export function PartnerApiHelp() {
  const example = ingestCurlExample(window.location.origin);
  return (
    <SectionCard title="Canonical JSON API" action={<CopyButton value={example} label="Copy example" />}>
      <JsonBlock value={example} maxHeight={300} />
    </SectionCard>
  );
}
