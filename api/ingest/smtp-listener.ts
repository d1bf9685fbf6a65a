import { SMTPServer } from "smtp-server";
import { LRUCache } from "lru-cache";
import type { Services } from "../../core/services.ts";
import { asSystem } from "../../core/tenant-scope.ts";
import { sha256 } from "../../core/crypto.ts";
import { MAX_EMAIL_BYTES, rawMessageText } from "./email.routes.ts";
import type { EventWriter } from "./event-writer.ts";

/**
 * The tenant a recipient address belongs to: `<tenant slug>@…` or `leads+<tenant slug>@…`, so any
 * domain whose MX points here works and each tenant has its own lead address.
 */
export function tenantSlugOf(address: string): string | null {
  const local = address.split("@")[0]?.toLowerCase() ?? "";
  const [box, tag] = local.split("+");
  return tag || box || null;
}

/** Inbound SMTP on SMTP_INGEST_PORT: mail for a tenant's lead address is stored like POST /ingest/email. */
export function startSmtpListener(services: Services, writer: EventWriter, port: number, host = "0.0.0.0"): Promise<SMTPServer> {
  const tenants = new LRUCache<string, string | false>({ max: 1000, ttl: 60_000 });
  const tenantFor = async (address: string) => {
    const slug = tenantSlugOf(address);
    if (!slug) return null;
    let id = tenants.get(slug);
    if (id === undefined) {
      id = (await asSystem(() => services.db("tenants").where({ slug, is_active: true }).first("id")))?.id ?? false;
      tenants.set(slug, id!);
    }
    return id || null;
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: MAX_EMAIL_BYTES,
    logger: false,
    banner: "leadhub inbound",
    async onRcptTo(address, _session, callback) {
      try {
        const tenantId = await tenantFor(address.address);
        callback(tenantId ? undefined : Object.assign(new Error("no such mailbox"), { responseCode: 550 }));
      } catch {
        callback(Object.assign(new Error("try again later"), { responseCode: 451 }));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(Object.assign(new Error("message too large"), { responseCode: 552 }));
        }
        const message = Buffer.concat(chunks);
        try {
          // One event per tenant addressed: the same message may name several lead addresses.
          const ids = new Set<string>();
          for (const rcpt of session.envelope.rcptTo) {
            const tenantId = await tenantFor(rcpt.address);
            if (!tenantId || ids.has(tenantId)) continue;
            ids.add(tenantId);
            await writer.write({
              tenantId,
              channel: "email",
              format: "email",
              partnerId: null,
              apiKeyId: null,
              idempotencyKey: null,
              bodyHash: sha256(message),
              payload: null,
              raw: rawMessageText(message),
              contentType: "message/rfc822",
              remoteIp: session.remoteAddress ?? null,
            });
          }
          callback();
        } catch (err) {
          services.log.warn({ err: (err as Error).message }, "inbound mail not stored; sender will retry");
          callback(Object.assign(new Error("temporary failure, try again"), { responseCode: 451 }));
        }
      });
    },
  });
  server.on("error", (err) => services.log.warn({ err: err.message }, "smtp listener error"));
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
