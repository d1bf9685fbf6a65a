export interface PartnerSecrets {
  apiKey: string;
  signingSecret: string;
}

/** The one response that carries the credentials (`POST /api/partners`); snake_case accepted too. */
export function secretsFromCreateResponse(data: unknown): PartnerSecrets | null {
  if (!data || typeof data !== "object") return null;
  const d = data as Record<string, unknown>;
  const apiKey = d.apiKey ?? d.api_key;
  const signingSecret = d.signingSecret ?? d.signing_secret;
  if (typeof apiKey !== "string" || typeof signingSecret !== "string") return null;
  return { apiKey, signingSecret };
}

/** A copy-paste example for the partner's developer; the key stays a placeholder unless given. */
export function ingestCurlExample(origin: string, apiKey = "<your-api-key>"): string {
  const body = JSON.stringify(
    {
      first_name: "Aarav",
      last_name: "Mehta",
      email: "aarav.mehta@example.in",
      phone: "+91 98200 12345",
      company: "Mehta Realty Pvt Ltd",
      city: "Pune",
      source: "partner",
      message: "Interested in 2BHK near Hinjewadi",
    },
    null,
    2,
  );
  return [
    `curl -X POST ${origin.replace(/\/+$/, "")}/ingest/leads \\`,
    `  -H "Authorization: Bearer ${apiKey}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -H "Idempotency-Key: <unique-id-per-lead>" \\`,
    `  -d '${body.replace(/'/g, "'\\''")}'`,
  ].join("\n");
}
