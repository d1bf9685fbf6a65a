import express, { Router, type Request, type RequestParamHandler, type Response } from "express";
import { asSystem, withTenant } from "../../core/tenant-scope.ts";
import type { Services } from "../../core/services.ts";
import { jobId } from "../../core/queues.ts";
import { MailLinks } from "../../core/nurture/links.ts";
import { suppressEmail } from "../../core/nurture/enrol.ts";
import { escapeHtml as escape } from "../../core/text/html-text.ts";

const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escape(title)}</title><style>body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#f4f6fb;color:#1c2333}main{max-width:30rem;margin:3rem auto;padding:1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin:0 0 1rem}button{padding:.7rem 1.2rem;font:inherit;font-weight:700;color:#fff;background:#2f5bd3;border:0;border-radius:8px;cursor:pointer}</style></head>
<body><main>${body}</main></body></html>`;
}

/** "r•••@example.com": enough for people to know it is theirs, not enough to harvest. */
const masked = (email: string) =>
  email.replace(/^(.)([^@]*)@/, (_a, first: string, rest: string) => `${first}${"•".repeat(Math.min(rest.length, 6))}@`);

const unsubscribed = (m: { to_address: string | null; tenant_name: string }) =>
  page(
    "Unsubscribed",
    `<h1>You are unsubscribed</h1><p>${escape(masked(m.to_address ?? ""))} gets no more mail from ${escape(m.tenant_name)}.</p>`,
  );

interface Message {
  id: string;
  tenant_id: string;
  lead_id: string | null;
  to_address: string | null;
  status: string;
  opened_at: Date | null;
  clicked_at: Date | null;
  tenant_name: string;
}

/**
 * What our mail links to, without a login: the unsubscribe page (GET shows it, POST unsubscribes:
 * RFC 8058 one-click from the mail client, or the page's button; link scanners only GET), the
 * open pixel and the click redirect. Links are signed (core/nurture/links.ts).
 */
export function mailLinkRoutes(services: Services): { unsubscribe: Router; tracking: Router } {
  const { db, clock } = services;
  const links = new MailLinks(services.keys.links, services.config.publicUrl);

  // The signed token names the mail, and so the tenant: found across tenants, then the rest of the request sees that tenant only.
  const findMessage: RequestParamHandler = async (_req, res, next, token: string) => {
    const id = links.read(token);
    const m: Message | undefined = id
      ? await asSystem(() =>
          db("email_messages as m")
            .join("tenants as t", "t.id", "m.tenant_id")
            .where("m.id", id)
            .first("m.id", "m.tenant_id", "m.lead_id", "m.to_address", "m.status", "m.opened_at", "m.clicked_at", "t.name as tenant_name"),
        )
      : undefined;
    res.locals.message = m ?? null;
    if (m) withTenant(m.tenant_id, () => next());
    else next();
  };
  const messageOf = (res: Response): Message | null => res.locals.message;
  const invalid = (res: Response) =>
    res
      .status(404)
      .type("html")
      .send(page("Link not valid", "<h1>This link is not valid</h1><p>It may have been copied incompletely.</p>"));

  const unsubscribe = Router();
  unsubscribe.param("token", findMessage);
  unsubscribe.get("/:token", async (req, res) => {
    const m = messageOf(res);
    if (!m?.to_address) return invalid(res);
    const done = await db("suppressions").where({ tenant_id: m.tenant_id, email: m.to_address.toLowerCase() }).first("id");
    res
      .set("Cache-Control", "no-store")
      .type("html")
      .send(
        done
          ? unsubscribed(m)
          : page(
              "Unsubscribe",
              `<h1>Unsubscribe?</h1><p>Stop mail from ${escape(m.tenant_name)} to ${escape(masked(m.to_address))}.</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
            ),
      );
  });
  // Mail clients post "List-Unsubscribe=One-Click" as a form; the answer is 200 (never a redirect), whatever the body.
  unsubscribe.post("/:token", express.urlencoded({ extended: false, limit: "4kb" }), async (req, res) => {
    const m = messageOf(res);
    if (!m?.to_address) return invalid(res);
    const now = clock.now();
    await db.transaction(async (trx) => {
      await trx("email_messages").where("id", m.id).whereNull("unsubscribed_at").update({ unsubscribed_at: now, updated_at: now });
      await suppressEmail(trx, {
        tenantId: m.tenant_id,
        email: m.to_address!,
        reason: "unsubscribed",
        leadId: m.lead_id,
        emailMessageId: m.id,
        now,
      });
    });
    res.status(200).set("Cache-Control", "no-store").type("html").send(unsubscribed(m));
  });

  /** The first open (or click) of a mail is an engagement the scoring engine counts; later ones only count up. */
  const engage = async (m: Message, type: "email_opened" | "link_clicked", first: boolean, data: object) => {
    if (!first || !m.lead_id) return;
    const [e] = await db("engagements")
      .insert({
        tenant_id: m.tenant_id,
        lead_id: m.lead_id,
        type,
        channel: "email",
        email_message_id: m.id,
        data: JSON.stringify(data),
        occurred_at: clock.now(),
      })
      .returning("id");
    await services.queues
      .enqueue("scoring.engagement", { tenantId: m.tenant_id, engagementId: e.id }, { jobId: jobId.engagement(e.id) })
      .catch(() => {});
  };
  const countOpen = async (m: Message) => {
    const now = clock.now();
    const [row] = await db("email_messages")
      .where("id", m.id)
      .update({ open_count: db.raw("open_count + 1"), opened_at: db.raw("coalesce(opened_at, ?)", [now]), updated_at: now })
      .returning("opened_at");
    await engage(m, "email_opened", !m.opened_at && new Date(row.opened_at).getTime() === now.getTime(), {});
  };

  const tracking = Router();
  tracking.param("token", findMessage);
  tracking.get("/o/:token", async (req: Request, res: Response) => {
    const m = messageOf(res);
    if (m) await countOpen(m);
    // Loaded by mail clients from other origins: helmet's same-origin resource policy would block it.
    res
      .set({ "Content-Type": "image/gif", "Cache-Control": "no-store, max-age=0", "Cross-Origin-Resource-Policy": "cross-origin" })
      .send(PIXEL);
  });
  tracking.get("/c/:token", async (req, res) => {
    const m = messageOf(res);
    const url = typeof req.query.url === "string" ? req.query.url : "";
    const sig = typeof req.query.s === "string" ? req.query.s : "";
    // Only a URL we put in that mail: otherwise this would be an open redirect.
    if (!m || !/^https?:\/\//i.test(url) || !links.clickTargetOk(m.id, url, sig)) return invalid(res);
    const now = clock.now();
    const [row] = await db("email_messages")
      .where("id", m.id)
      .update({ click_count: db.raw("click_count + 1"), clicked_at: db.raw("coalesce(clicked_at, ?)", [now]), updated_at: now })
      .returning("clicked_at");
    if (!m.opened_at) await countOpen(m);
    await engage(m, "link_clicked", !m.clicked_at && new Date(row.clicked_at).getTime() === now.getTime(), { url: url.slice(0, 2000) });
    res.redirect(302, url);
  });
  return { unsubscribe, tracking };
}
