import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { newLiquid, parseTemplate, renderEmail, templateVars } from "../../../core/nurture/templates.ts";
import { MailLinks, trackLinks } from "../../../core/nurture/links.ts";
import { failureOf } from "../../../core/nurture/run-step.ts";

const vars = templateVars(
  {
    first_name: "Asha",
    last_name: "Rao",
    company: `<script>alert(1)</script> & Co`,
    email: "asha@example.com",
    owner_id: "x",
    lead_score: 80,
  },
  { name: "Ravi Kumar", email: "ravi@acme.test" },
  { name: "Acme" },
  "https://l.test/u/t",
);

describe("templates", () => {
  it("render lead, owner and company, escape HTML output only, and make the text part from the HTML when there is none", async () => {
    const r = await renderEmail(
      {
        subject: "Hi {{ lead.first_name }}\r\nBcc: evil@x",
        body_text: null,
        body_html: "<p>{{ company.name }}</p><p>{{ owner.first_name }}: {{ lead.nickname | default: 'friend' }}</p>",
      },
      vars,
    );
    expect(r.subject).toBe("Hi Asha Bcc: evil@x");
    expect(r.html).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</p><p>Ravi: friend</p>");
    expect(r.text).toContain("<script>alert(1)</script> & Co");
    const t = await renderEmail({ subject: "x", body_text: "{{ lead.company }}", body_html: null }, vars);
    expect(t.text).toBe("<script>alert(1)</script> & Co");
  });

  it("cannot reach outside the variables it is given", async () => {
    const r = await renderEmail(
      {
        subject: "{{ lead.constructor }}{{ lead.__proto__ }}{{ owner_id }}{{ lead.owner_id }}",
        body_text: "{{ lead.lead_score | plus: 1 }}",
        body_html: null,
      },
      vars,
    );
    expect(r.subject).toBe("");
    expect(r.text).toBe("81");
  });

  it("say why a template does not parse", () => {
    expect(parseTemplate("{{ lead.first_name")).toMatch(/not closed|output/i);
    expect(parseTemplate("{{ x | no_such_filter }}")).toMatch(/undefined filter/);
    expect(parseTemplate("Hi {{ lead.first_name }}")).toBeNull();
  });
});

describe("templates and files", () => {
  const bodies = (tpl: string) => [
    { subject: tpl, body_text: "x", body_html: null },
    { subject: "s", body_text: tpl, body_html: null },
    { subject: "s", body_text: null, body_html: tpl },
  ];

  it("when a template includes, renders or lays out a file, then it does not parse and says why", () => {
    for (const [name, tpl] of [
      ["include", "{% include '.data/secret.key' %}"],
      ["render", '{% render ".data/secret.key" %}'],
      ["layout", "{% layout '.data/secret.key' %}x"],
      ["include", "{%- include x -%}"],
      ["include", "{% liquid\n  include '.data/secret.key'\n%}"],
    ]) {
      expect(parseTemplate(tpl), tpl).toMatch(new RegExp(`unknown tag \`${name}\`: templates cannot include files`));
    }
    expect(parseTemplate("{% frobnicate %}")).toMatch(/unknown tag `frobnicate`/);
  });

  it("when a file is really present in the working directory, then no tag, part or engine call reads it", async () => {
    const marker = `SECRET-${randomBytes(8).toString("hex")}`;
    const file = `.template-probe-${randomBytes(4).toString("hex")}.liquid`;
    writeFileSync(file, marker);
    try {
      for (const tag of ["include", "render", "layout"]) {
        for (const step of bodies(`{% ${tag} '${file}' %}`)) {
          const out = await renderEmail(step, vars).then(
            (r) => JSON.stringify(r),
            (e: { kind?: string; code?: string; message: string }) => {
              expect(e).toMatchObject({ kind: "invalid", code: "invalid_template" });
              return e.message;
            },
          );
          expect(out).not.toContain(marker);
        }
      }
      // The engine itself holds an empty file system: even its own file API finds nothing.
      const engine = newLiquid();
      expect(engine.options.fs.existsSync(file)).toBe(false);
      expect(await engine.options.fs.exists(file)).toBe(false);
      await expect(engine.renderFile(file)).rejects.toThrow();
      expect(() => engine.parseFileSync(file)).toThrow();
    } finally {
      rmSync(file, { force: true });
    }
  });
});

describe("template limits", () => {
  const tooExpensive = async (tpl: string) => {
    for (const step of [
      { subject: "s", body_text: tpl, body_html: null },
      { subject: "s", body_text: null, body_html: tpl },
    ]) {
      const t0 = Date.now();
      // The outcome in a few words: a failure must not print megabytes of rendered text.
      const outcome = await renderEmail(step, vars).then(
        (r) => `rendered ${r.text.length} chars`,
        (e: { kind?: string; code?: string; message: string }) => `${e.kind} ${e.code ?? e.message}`,
      );
      expect(outcome).toBe("invalid template_too_expensive");
      expect(Date.now() - t0).toBeLessThan(3_000);
    }
  };

  it("when a template loops for too long, then it stops with template_too_expensive", () =>
    tooExpensive("{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}{{ c }}{% endfor %}{% endfor %}{% endfor %}"));

  it("when a template builds a huge string, then it stops with template_too_expensive", async () => {
    await tooExpensive(`{% assign s = "xxxxxxxxxx" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}`);
    // 22 doublings: 40M characters, which V8 still holds (as a rope) but a mail should never be built from.
    await tooExpensive(
      `{% assign s = "xxxxxxxxxx" %}{% for i in (1..22) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | size }}`,
    );
    await tooExpensive("{% for i in (1..100000000) %}{% endfor %}");
  });

  it("when a template's output is larger than a mail may be, then it stops with template_too_expensive", () =>
    tooExpensive("{% for i in (1..100000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}"));

  it("when a template is longer than any field may be, then it does not parse", () => {
    expect(parseTemplate("x".repeat(600_000))).toMatch(/too long|limit/);
  });
});

describe("mail links", () => {
  const links = new MailLinks(Buffer.alloc(32, 7), "https://l.test");
  const id = "0b6f4f7e-3c1a-4f7e-9d2a-5b1c2d3e4f50";

  it("name their message, and a changed byte is refused", () => {
    const token = links.token(id);
    expect(links.read(token)).toBe(id);
    expect(links.read(token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"))).toBeNull();
    expect(links.read("not-a-token")).toBeNull();
    expect(new MailLinks(Buffer.alloc(32, 8), "https://l.test").read(token)).toBeNull();
  });

  it("sign the click target, and tracking rewrites only http(s) links", () => {
    const url = links.clickUrl(id, "https://example.com/a?b=1&c=2");
    const u = new URL(url);
    expect(links.clickTargetOk(id, u.searchParams.get("url")!, u.searchParams.get("s")!)).toBe(true);
    expect(links.clickTargetOk(id, "https://evil.test/", u.searchParams.get("s")!)).toBe(false);
    const html = trackLinks(
      `<a href="https://example.com/a?b=1&amp;c=2">x</a><a href="mailto:a@b.c">m</a><a href='#top'>t</a>`,
      (x) => `T(${x})`,
    );
    expect(html).toBe(`<a href="T(https://example.com/a?b=1&amp;c=2)">x</a><a href="mailto:a@b.c">m</a><a href='#top'>t</a>`);
  });
});

describe("what an SMTP failure says about the mail", () => {
  it("is definite when the server answered or the connection never carried it, unknown when it broke during the message", () => {
    expect(failureOf({ responseCode: 550, command: "RCPT TO" })).toBe("rejected");
    expect(failureOf({ responseCode: 421, command: "MAIL FROM" })).toBe("not_sent");
    expect(failureOf({ code: "ECONNECTION", command: "CONN" })).toBe("not_sent");
    expect(failureOf({ code: "ECONNREFUSED" })).toBe("not_sent");
    expect(failureOf({ code: "ECONNECTION", command: "DATA" })).toBe("unknown");
    expect(failureOf({ code: "ETIMEDOUT" })).toBe("unknown");
    expect(failureOf(new Error("something else"))).toBe("unknown");
  });
});
