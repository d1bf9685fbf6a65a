import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, tag, writes } from "../support/json-api.ts";
import { startStack, type Stack } from "../support/stack.ts";
import { createMailer } from "../../core/mailer.ts";
import { mailCatcherWanted, startMailCatcher } from "../../core/mail-catcher.ts";

/** Outbound mail not set up (no SMTP_URL): drip emails wait, and the status, the enrolments, /healthz and /metrics say so. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const { post } = writes(() => stack);
const STEPS = [{ type: "email", subject: "Hi {{ lead.first_name }}", body_text: "From {{ sender.name }}" }];

describe("when outbound mail is not set up", () => {
  it("then the mail status says so with the count of emails waiting, each waiting enrolment says why, /healthz and /metrics too", async () => {
    expect(await json(stack.api("/nurture/mail/status"))).toEqual({ state: "not_configured", waiting: 0 });
    const seq = await post("/sequences", { name: `Drip ${tag()}`, status: "active", steps: STEPS });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const t = tag();
      const l = await post("/leads", { first_name: "Asha", last_name: `Rao ${t}`, email: `asha.${t}@example.com` });
      ids.push((await post("/enrollments", { lead_id: l.id, sequence_id: seq.id, source: "manual" })).id);
    }
    expect(await json(stack.api("/nurture/mail/status"))).toEqual({ state: "not_configured", waiting: 2 });

    const one = await json(stack.api(`/enrollments/${ids[0]}`));
    expect(one.waiting_reason).toMatch(/Outbound mail is not set up/);
    const list = (await json(stack.api(`/enrollments?filter=${encodeURIComponent(JSON.stringify({ sequence_id: seq.id }))}`))) as {
      id: string;
      waiting_reason: string | null;
    }[];
    expect(list.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(list.every((e) => /no SMTP_URL/.test(e.waiting_reason ?? ""))).toBe(true);

    const health = await fetch(`${stack.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", mail: "not_configured" });

    const metrics = await (await fetch(`${stack.baseUrl}/metrics`)).text();
    const line = metrics.split("\n").find((l) => l.startsWith("leadhub_mail_waiting "));
    expect(Number(line?.split(" ")[1])).toBeGreaterThanOrEqual(2);

    const caught = await stack.api("/nurture/mail/caught");
    expect(caught.status).toBe(404);
    expect((await caught.json()).error.code).toBe("mail_catcher_off");
  });

  it("then the step editor can list the variables a template may name", async () => {
    const vars = (await json(stack.api("/nurture/mail/template-variables"))) as string[];
    expect(vars).toEqual(
      expect.arrayContaining(["lead.first_name", "owner.name", "company.name", "unsubscribe_url", "lead.custom_fields.<key>"]),
    );
  });

  it("when a step names a variable that does not exist, then saving answers 422 invalid_template naming it and the closest known one", async () => {
    const res = await stack.api("/sequences", {
      method: "POST",
      json: { name: `Bad ${tag()}`, steps: [{ type: "email", subject: "Hi {{first_name}}", body_text: "x" }] },
    });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe("invalid_template");
    expect(error.message).toContain("`first_name` is not a variable: did you mean `lead.first_name`?");
  });
});

describe("the local mail catcher", () => {
  it("is wanted on a newcomer's laptop (no SMTP_URL, embedded database) or with MAIL_CATCHER=1, never in production", () => {
    expect(mailCatcherWanted({})).toBe(true);
    expect(mailCatcherWanted({ SMTP_URL: "smtp://relay:25" })).toBe(false);
    expect(mailCatcherWanted({ DATABASE_URL: "postgres://db/x" })).toBe(false);
    expect(mailCatcherWanted({ DATABASE_URL: "postgres://db/x", MAIL_CATCHER: "1" })).toBe(true);
    expect(mailCatcherWanted({ MAIL_CATCHER: "0" })).toBe(false);
    expect(mailCatcherWanted({ NODE_ENV: "production" })).toBe(false);
    expect(mailCatcherWanted({ NODE_ENV: "production", MAIL_CATCHER: "1" })).toBe(false);
  });

  it("when mail is sent to it with nodemailer, then an admin sees it in the list and the status says the catcher is on; a rep may not", async () => {
    const catcher = await startMailCatcher();
    try {
      const mailer = createMailer(catcher.url, "leadhub <no-reply@leadhub.local>")!;
      await mailer.send({ to: "asha@example.com", subject: "Welcome, Asha", text: "Hi Asha", html: "<p>Hi <b>Asha</b></p>" });
      mailer.close?.();
      expect(await json(stack.api("/nurture/mail/status"))).toEqual({ state: "catcher", waiting: 0 });
      const list = await json(stack.api("/nurture/mail/caught"));
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ to: "asha@example.com", subject: "Welcome, Asha", text: "Hi Asha", html: "<p>Hi <b>Asha</b></p>" });
      expect(Date.parse(list[0].received_at)).toBeGreaterThan(Date.now() - 60_000);

      const email = `rep.${tag()}@example.com`;
      await post("/users", { email, name: "A rep", password: "rep-password-1", role: "rep" });
      const { token } = await json(
        fetch(`${stack.baseUrl}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password: "rep-password-1" }),
        }),
      );
      expect((await stack.api("/nurture/mail/caught", { token })).status).toBe(403);
    } finally {
      await catcher.close();
    }
    expect((await stack.api("/nurture/mail/caught")).status).toBe(404);
  });
});
