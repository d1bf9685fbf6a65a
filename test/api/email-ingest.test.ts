import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import type { SMTPServer } from "smtp-server";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";
import { startSmtpListener } from "../../api/ingest/smtp-listener.ts";
import { EventWriter } from "../../api/ingest/event-writer.ts";

const eml = (name: string) => readFileSync(new URL(`../fixtures/email/${name}`, import.meta.url));

let stack: Stack;
let smtp: SMTPServer;
let slug: string;
beforeAll(async () => {
  stack = await startStack({ worker: true });
  smtp = await startSmtpListener(
    stack.services,
    new EventWriter(stack.services.pg, stack.services.queues, stack.services.log),
    0,
    "127.0.0.1",
  );
  slug = (await stack.services.db("tenants").where("id", stack.tenantId).first("slug")).slug;
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  await stack?.stop();
});

const postEmail = (body: Buffer | string, type = "message/rfc822") =>
  fetch(`${stack.baseUrl}/ingest/email`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.partnerKey}`, "content-type": type },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
const settled = (id: string) =>
  expectEventually(async () => {
    const ev = await (await stack.api(`/inbound_events/${id}`)).json();
    expect(["done", "failed"]).toContain(ev.status);
    return ev;
  }, 15_000);

describe("inbound email over HTTP", () => {
  it("when a direct enquiry arrives, then the sender becomes a lead with the message as first note and the raw mail is downloadable", async () => {
    const res = await postEmail(eml("direct-gmail-signature.eml"));
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const ev = await settled(id);
    expect(ev.outcome).toBe("created");
    const lead = await (await stack.api(`/leads/${ev.lead_id}`)).json();
    expect(lead).toMatchObject({ first_name: "Rahul", last_name: "Patil", email: "rahul.patil1987@gmail.com", source: "email" });
    const timeline = await (await stack.api(`/leads/${ev.lead_id}/timeline`)).json();
    expect(timeline.find((t: { action: string }) => t.action === "lead.first_message").body).toContain("Sunrise Heights");
    const raw = await stack.api(`/inbound_events/${id}/raw`);
    expect(raw.headers.get("content-type")).toContain("message/rfc822");
    expect(Buffer.from(await raw.arrayBuffer()).equals(eml("direct-gmail-signature.eml"))).toBe(true);
  });

  it("when a portal notification arrives, then the lead comes from the body, not the portal's sender", async () => {
    const ev = await settled((await (await postEmail(eml("portal-99acres.eml"))).json()).id);
    expect(ev.outcome).toBe("created");
    const lead = await (await stack.api(`/leads/${ev.lead_id}`)).json();
    expect(lead.email ?? "").not.toMatch(/99acres/);
    expect(lead.phone_e164).toMatch(/^\+91/);
  });

  it.each(["ooo-auto-submitted.eml", "exchange-oof.eml", "postfix-dsn.eml", "gmail-dsn.eml"])(
    "when %s arrives, then no lead: outcome ignored",
    async (name) => {
      const ev = await settled((await (await postEmail(eml(name))).json()).id);
      expect(ev).toMatchObject({ status: "done", outcome: "ignored", lead_id: null });
    },
  );

  it.each([
    ["lottery-scam.eml", /^spam: lottery or prize scam/],
    ["mass-mailer-unsubscribe.eml", /^spam: mass mailing/],
  ])("when %s arrives, then no lead and nothing routed: outcome spam, and the event says why", async (name, why) => {
    const ev = await settled((await (await postEmail(eml(name))).json()).id);
    expect(ev).toMatchObject({ status: "done", outcome: "spam", lead_id: null });
    const row = await stack.services.db("inbound_events").where("id", ev.id).first("error");
    expect(row.error).toMatchObject({ code: "spam", message: expect.stringMatching(why) });
  });

  it("when a reply to one of our messages arrives, then it is an engagement on that lead", async () => {
    const raw = eml("reply-quoted.eml").toString("latin1");
    const replyTo = /In-Reply-To:\s*<([^>]+)>/i.exec(raw)![1];
    const first = await settled((await (await postEmail(eml("corporate-domain.eml"))).json()).id);
    await stack.services.db("email_messages").insert({
      tenant_id: stack.tenantId,
      lead_id: first.lead_id,
      message_id: replyTo,
      direction: "out",
      subject: "Brochure",
      status: "sent",
    });
    const ev = await settled((await (await postEmail(Buffer.from(raw, "latin1"))).json()).id);
    expect(ev).toMatchObject({ outcome: "engagement", lead_id: first.lead_id });
    const engagements = await stack.services.db("engagements").where({ lead_id: first.lead_id, type: "email_replied" });
    expect(engagements).toHaveLength(1);
  });

  it("when the body is not a message or the type is wrong, then 400 or 415", async () => {
    expect((await postEmail("hello there")).status).toBe(400);
    expect((await postEmail(eml("direct-gmail-signature.eml"), "text/plain")).status).toBe(415);
  });
});

describe("inbound email over SMTP", () => {
  it("when mail is sent to the tenant's lead address, then it becomes a lead; an unknown mailbox is refused", async () => {
    const port = (smtp.server.address() as AddressInfo).port;
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
    const from = `meera.${Date.now()}@acme-realty.co.in`;
    await transport.sendMail({
      from: `Meera Iyer <${from}>`,
      to: `leads+${slug}@inbound.example.com`,
      subject: "Need a 2BHK in Whitefield",
      text: "Hi, please call me on 98450 11223.\n\nMeera Iyer\nAcme Realty Pvt Ltd",
    });
    await expectEventually(async () => {
      const lead = await stack.services.db("leads").where({ tenant_id: stack.tenantId, email: from }).first();
      expect(lead).toMatchObject({ first_name: "Meera", last_name: "Iyer", phone_e164: "+919845011223" });
    }, 15_000);
    await expect(transport.sendMail({ from, to: "nobody-here@inbound.example.com", subject: "x", text: "x" })).rejects.toThrow(
      /550|no such mailbox/i,
    );
  });
});

describe("attachments", () => {
  it("when an enquiry carries attachments, then they are on the lead's timeline and download as sent", async () => {
    const ev = await settled((await (await postEmail(eml("pdf-attachments.eml"))).json()).id);
    expect(ev.outcome).toBe("created");
    const timeline = await (await stack.api(`/leads/${ev.lead_id}/timeline`)).json();
    const files = timeline.filter((t: { kind: string }) => t.kind === "attachment");
    expect(files.length).toBeGreaterThan(0);
    const kept = files.find((f: { data: { kept: boolean } }) => f.data.kept);
    const res = await stack.api(`/leads/${ev.lead_id}/attachments/${kept.id}`);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(kept.data.size);
  });
});
