import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { json, tag, writes } from "../support/json-api.ts";
import { startStack, expectEventually, type Stack } from "../support/stack.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";

/**
 * Security finding "templates read files": a template could `{% include %}`, `{% render %}` or
 * `{% layout %}` any file the process can read (the master key under .data/), in the preview and
 * in the mail the worker sends. A real file with a marker sits in the working directory of the
 * api and the worker (as .data/secret.key would) and must never come back.
 */
const marker = `SECRET-${randomBytes(8).toString("hex")}`;
const file = `.template-probe-${randomBytes(4).toString("hex")}.key`;
const paths = [file, `./${file}`, `../${basename(process.cwd())}/${file}`, ".data/secret.key"];
const FILE_TAGS = ["include", "render", "layout"] as const;
const CPU = "{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}{{ c }}{% endfor %}{% endfor %}{% endfor %}";
const OUTPUT = "{% for i in (1..100000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}";

let stack: Stack;
let sink: SmtpSink;
beforeAll(async () => {
  writeFileSync(file, marker);
  sink = await startSmtpSink();
  stack = await startStack({ worker: true, env: { SMTP_URL: sink.url } });
});
afterAll(async () => {
  rmSync(file, { force: true });
  await stack?.stop();
  await sink?.close();
});

const { post } = writes(() => stack);
const lead = (extra: object = {}) => {
  const t = tag();
  return post("/leads", { first_name: "Asha", last_name: `Rao ${t}`, email: `asha.${t}@example.com`, ...extra });
};
async function loginAs(role: string) {
  const email = `${role}.${tag()}@example.com`;
  const u = await post("/users", { email, name: `A ${role}`, password: `${role}-password-1`, role });
  const res = await fetch(`${stack.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: `${role}-password-1` }),
  });
  return { id: u.id as string, token: (await json(res)).token as string };
}
const preview = (body: object, token?: string) => stack.api("/sequences/preview", { method: "POST", json: body, token });
/** Status, code and raw text of an answer: the raw text is where a leaked secret would show. */
async function answer(res: Promise<Response>) {
  const r = await res;
  const text = await r.text();
  let code: string | undefined;
  try {
    code = JSON.parse(text).error?.code;
  } catch {
    /* not JSON: the assertion on status says enough */
  }
  return { status: r.status, code, text };
}
const mailTo = (to: string) => sink.messages.filter((m) => m.to && (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a.text.includes(to)));

describe("template preview", () => {
  it("when a rep previews a template, even on their own lead, then 403; a marketer may", async () => {
    const rep = await loginAs("rep");
    const own = await lead({ owner_id: rep.id });
    const asRep = await answer(preview({ lead_id: own.id, subject: "s", body_text: `{% include '${file}' %}` }, rep.token));
    expect(asRep.status).toBe(403);
    expect(asRep.text).not.toContain(marker);
    expect((await answer(preview({ lead_id: own.id, subject: "s", body_text: "Hi {{ lead.first_name }}" }, rep.token))).status).toBe(403);
    const marketer = await loginAs("marketer");
    expect(await json(preview({ lead_id: own.id, subject: "s", body_text: "Hi {{ lead.first_name }}" }, marketer.token))).toMatchObject({
      text: "Hi Asha",
    });
  });

  it("when an admin previews a template that includes, renders or lays out a file, then 422 invalid_template and the file is never in the answer", async () => {
    const l = await lead();
    for (const t of FILE_TAGS) {
      for (const p of paths) {
        for (const field of ["subject", "body_text", "body_html"]) {
          const tpl = `{% ${t} '${p}' %}`;
          const a = await answer(preview({ lead_id: l.id, subject: "s", body_text: "x", [field]: tpl }));
          expect({ tpl, field, status: a.status, code: a.code }).toEqual({ tpl, field, status: 422, code: "invalid_template" });
          expect(a.text).toContain(`unknown tag \`${t}\``);
          expect(a.text).not.toContain(marker);
        }
      }
    }
  });

  it("when a template is too expensive (CPU or output), then 422 template_too_expensive, never a 500", async () => {
    const l = await lead();
    for (const tpl of [
      CPU,
      OUTPUT,
      `{% assign s = "xxxxxxxxxx" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}`,
    ]) {
      const a = await answer(preview({ lead_id: l.id, subject: "s", body_html: tpl }));
      expect({ status: a.status, code: a.code }).toEqual({ status: 422, code: "template_too_expensive" });
    }
    // A template that does not parse is the caller's fault too.
    expect(await answer(preview({ lead_id: l.id, subject: "s", body_text: "{{ lead.first_name" }))).toMatchObject({
      status: 422,
      code: "invalid_template",
    });
  });
});

describe("saving steps", () => {
  const sequence = (step: object) => stack.api("/sequences", { method: "POST", json: { name: `Seq ${tag()}`, steps: [step] } });

  it("when a step includes, renders or lays out a file, or uses an unknown tag, then it is refused with 422 naming the tag and the field", async () => {
    const cases: [string, object][] = [
      ["include", { type: "email", subject: "s", body_text: `{% include '${file}' %}` }],
      ["render", { type: "email", subject: "s", body_html: `<p>{% render '${file}' %}</p>` }],
      ["layout", { type: "email", subject: `{% layout '${file}' %}`, body_text: "x" }],
      ["include", { type: "email", subject: "s", body_text: `{% liquid\n include '${file}'\n%}` }],
      ["frobnicate", { type: "email", subject: "s", body_text: "{% frobnicate %}" }],
      ["include", { type: "task", task_title: "Call", task_body: `{% include '${file}' %}` }],
    ];
    for (const [name, step] of cases) {
      const a = await answer(sequence(step));
      expect({ name, status: a.status, code: a.code }).toEqual({ name, status: 422, code: "invalid_template" });
      const field = Object.entries(step).find(([, v]) => typeof v === "string" && v.includes("{%"))![0];
      expect(JSON.parse(a.text).error.message).toMatch(new RegExp(`${field}: unknown tag \`${name}\``));
      if (FILE_TAGS.includes(name as never)) expect(a.text).toContain("templates cannot include files");
    }
  });

  it("when a sequence is updated with a step that includes a file, then 422 and its steps stay as they were", async () => {
    const seq = await post("/sequences", { name: `Seq ${tag()}`, steps: [{ type: "email", subject: "Hello", body_text: "x" }] });
    const a = await answer(
      stack.api(`/sequences/${seq.id}`, {
        method: "PUT",
        json: { steps: [{ type: "email", subject: "Hello", body_text: `{% include '${file}' %}` }] },
      }),
    );
    expect({ status: a.status, code: a.code }).toEqual({ status: 422, code: "invalid_template" });
    expect(await json(stack.api(`/sequences/${seq.id}`))).toMatchObject({ version: 1, steps: [{ body_text: "x" }] });
  });
});

describe("the worker", () => {
  const timeline = (leadId: string) => json(stack.api(`/leads/${leadId}/timeline`)) as Promise<{ action: string; title: string }[]>;

  /** Step 1 holds `template` (written to the table as a row saved before this fix would be), step 2 is a plain mail. */
  async function run(template: string) {
    const seq = await post("/sequences", {
      name: `Worker ${tag()}`,
      steps: [
        { type: "email", subject: "First", body_text: "x" },
        { type: "email", subject: "After", body_text: "still here" },
      ],
    });
    await stack.services.db("sequence_steps").where({ sequence_id: seq.id, step: 1 }).update({ body_text: template });
    const l = await lead();
    await post("/enrollments", { lead_id: l.id, sequence_id: seq.id });
    const mails = await expectEventually(() => {
      const got = mailTo(l.email);
      expect(got.map((m) => m.subject)).toEqual(["After"]);
      return got;
    }, 20_000);
    for (const m of mails) expect(`${m.text}${m.html}`).not.toContain(marker);
    const rows = await stack.services.db("email_messages").where("lead_id", l.id).select("subject", "body_text", "body_html");
    expect(JSON.stringify(rows)).not.toContain(marker);
    return timeline(l.id);
  }

  it("when a stored step includes a file, then no mail of that step is sent, the failure is on the lead's timeline and the file is never read", async () => {
    const entries = await run(`Dear {{ lead.first_name }}, {% include '${file}' %}`);
    expect(entries.find((e) => /not sent/.test(e.title))?.title).toMatch(/invalid_template|unknown tag `include`/);
  });

  it("when a step's template is too expensive, then no mail of that step is sent and the reason is on the lead's timeline", async () => {
    const entries = await run(CPU);
    expect(entries.find((e) => /not sent/.test(e.title))?.title).toMatch(/template_too_expensive/);
  });
});
