import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseCsv } from "csv-parse/sync";
import { startStack, type Stack } from "../support/stack.ts";
import { json, tag, writes } from "../support/json-api.ts";
import { listRoutes } from "../support/routes.ts";
import { signLeadhub } from "../../core/crypto.ts";
import { createApp } from "../../api/app.ts";

/**
 * The outside review's smaller findings (docs/security.md), each as the class it belongs to: one
 * visibility rule for sub-resources and references, overrides checked as references, strict
 * signature parsing, spreadsheet-safe exports, and a 4xx for every odd input.
 */

let stack: Stack;
let other: Stack;
const { post, put } = writes(() => stack);

async function signIn(s: Stack, role: string) {
  const email = `${role}-${tag()}@review.test`;
  const user = await json(
    s.api("/users", { method: "POST", json: { email, name: `${role} ${tag()}`, password: "review-pass-1", role } }),
    201,
  );
  const { token } = await json(
    fetch(`${s.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "review-pass-1" }),
    }),
  );
  return { id: user.id as string, token: token as string };
}

beforeAll(async () => {
  [stack, other] = await Promise.all([startStack(), startStack()]);
});
afterAll(async () => {
  await Promise.all([stack?.stop(), other?.stop()]);
});

describe("one visibility rule: timelines, sub-resources and references", () => {
  it("when a rep reads a shared account's or contact's timeline, then nothing of another rep's deal or lead shows", async () => {
    const [asha, ravi] = await Promise.all([signIn(stack, "rep"), signIn(stack, "rep")]);
    const secret = `secret-${tag()}`;
    const lead = await post("/leads", {
      first_name: "Hidden",
      email: `hidden.${tag()}@review-${tag()}.in`,
      company: `Hidden ${tag()} Pvt Ltd`,
      owner_id: ravi.id,
    });
    const ids = await post(`/leads/${lead.id}/convert`, {});
    await put(`/accounts/${ids.account_id}`, { owner_id: null });
    await post("/activities", { record_type: "opportunity", record_id: ids.opportunity_id, type: "note", title: `Deal note ${secret}` });
    await post("/tasks", { record_type: "opportunity", record_id: ids.opportunity_id, title: `Deal task ${secret}`, owner_id: ravi.id });
    await post("/activities", { record_type: "account", record_id: ids.account_id, type: "note", title: `Shared note ${tag()}` });

    for (const path of [`/accounts/${ids.account_id}/timeline`, `/contacts/${ids.contact_id}/timeline`]) {
      const seenByAsha = JSON.stringify(await json(stack.api(path, { token: asha.token })));
      expect(seenByAsha).not.toContain(secret);
      expect(seenByAsha).not.toContain("Stage: ");
      expect(seenByAsha).not.toContain("Submission via");
      const seenByRavi = JSON.stringify(await json(stack.api(path, { token: ravi.token })));
      expect(seenByRavi).toContain(`Deal note ${secret}`);
      expect(seenByRavi).toContain("Stage: ");
    }
    expect(JSON.stringify(await json(stack.api(`/accounts/${ids.account_id}/timeline`, { token: asha.token })))).toContain("Shared note");
  });

  it("when a rep names another rep's lead or a made-up id in a task, then both get the same 422, and the task is not made", async () => {
    const [asha, ravi] = await Promise.all([signIn(stack, "rep"), signIn(stack, "rep")]);
    const theirs = await post("/leads", { first_name: "Theirs", email: `theirs.${tag()}@review.in`, owner_id: ravi.id });
    const answers = [];
    for (const record_id of [theirs.id, "0190d4a2-0000-7000-8000-000000000000"]) {
      const res = await stack.api("/tasks", {
        method: "POST",
        token: asha.token,
        json: { record_type: "lead", record_id, title: "Snoop" },
      });
      answers.push({ status: res.status, body: await res.json() });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0].status).toBe(422);
    expect(answers[0].body.error.code).toBe("invalid_reference");
    const mine = await json(
      stack.api("/leads", { method: "POST", token: asha.token, json: { first_name: "Mine", email: `mine.${tag()}@review.in` } }),
      201,
    );
    await json(
      stack.api("/tasks", { method: "POST", token: asha.token, json: { record_type: "lead", record_id: mine.id, title: "Call back" } }),
      201,
    );
    const activity = await stack.api("/activities", {
      method: "POST",
      token: asha.token,
      json: { record_type: "lead", record_id: theirs.id, type: "note", title: "Snoop" },
    });
    expect(activity.status).toBe(404);
  });
});

describe("overrides in a body are references", () => {
  it("when a conversion names an owner of another tenant or an unknown id, then 422 invalid_reference, and nothing is converted", async () => {
    const lead = await post("/leads", {
      first_name: "Convert",
      email: `convert.${tag()}@review-${tag()}.in`,
      company: `Convert ${tag()} Ltd`,
    });
    const foreignOwner = (await json(other.api("/users?range=[0,0]")))[0].id;
    for (const body of [
      { owner_id: foreignOwner },
      { owner_id: "0190d4a2-0000-7000-8000-000000000001" },
      { account_id: foreignOwner },
      { stage_id: foreignOwner },
    ]) {
      const res = await stack.api(`/leads/${lead.id}/convert`, { method: "POST", json: body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      const answer = await res.json();
      expect(answer.error.code).toBe("invalid_reference");
      expect(JSON.stringify(answer)).not.toContain(foreignOwner);
    }
    expect((await json(stack.api(`/leads/${lead.id}`))).converted_at).toBeNull();
    expect((await stack.api(`/leads/${lead.id}/convert/preview?owner_id=${foreignOwner}`)).status).toBe(422);
    await post(`/leads/${lead.id}/convert`, {});
  });
});

describe("signed webhooks: one delivery, however its header is written", () => {
  const hook = (body: string, signature: string) =>
    fetch(`${stack.baseUrl}/ingest/webhooks/${stack.partnerId}/generic`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-leadhub-signature": signature },
      body,
    });

  it("when a signed delivery comes back with its header reordered or spaced, then it is the first event again", async () => {
    const body = JSON.stringify({ name: "Replay Rao", email: `replay.${tag()}@review.in` });
    const now = Math.floor(Date.now() / 1000);
    const sig = signLeadhub(body, stack.signingSecret, now);
    const v1 = /v1=([0-9a-f]+)/.exec(sig)![1];
    const first = await hook(body, sig);
    expect(first.status).toBe(202);
    const { id } = await first.json();
    for (const rewritten of [
      `v1=${v1},t=${now}`,
      `t=${now}, v1=${v1}`,
      `t=${now},v1=${v1.toUpperCase()}`,
      `t=${now},v1=${"a".repeat(64)},v1=${v1}`,
    ]) {
      const res = await hook(body, rewritten);
      expect(res.status, rewritten).toBe(200);
      expect((await res.json()).id, rewritten).toBe(id);
    }
  });

  it.each([
    ["t=+%N,v1=%S"],
    ["t=%N.0,v1=%S"],
    ["t=%N,v1=%S,v1=00"],
    ["t=%N,t=%N,v1=%S"],
    ["t=%N,v1=%S,x=1"],
    ["t=%N;v1=%S"],
    ["t=0x1,v1=%S"],
  ])("when the header is %s, then it is refused as malformed", async (shape) => {
    const body = JSON.stringify({ name: "Odd Header", email: `odd.${tag()}@review.in` });
    const now = Math.floor(Date.now() / 1000);
    const v1 = /v1=([0-9a-f]+)/.exec(signLeadhub(body, stack.signingSecret, now))![1];
    const res = await hook(body, shape.replaceAll("%N", String(now)).replaceAll("%S", v1));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("signature_invalid");
  });
});

describe("exports a spreadsheet cannot run", () => {
  it("when a lead's fields hide a formula after a separator or in fullwidth, then the export quotes and neutralises the cell", async () => {
    const campaign = `csv-${tag()}`;
    const city = "Pune;=cmd|' /C calc'!A0";
    await post("/leads", { first_name: '＝HYPERLINK("http://x")', city, email: `csv.${tag()}@review.in`, campaign });
    const res = await stack.api(`/leads/export.csv?filter=${encodeURIComponent(JSON.stringify({ campaign }))}`);
    const text = await res.text();
    expect(text).toContain(`"Pune;'=cmd|' /C calc'!A0"`);
    const [row] = parseCsv(text, { columns: true }) as Record<string, string>[];
    expect(row.city).toBe("Pune;'=cmd|' /C calc'!A0");
    expect(row.first_name.startsWith("'")).toBe(true);
    // A reader splitting on ";" that honours quotes still sees one cell.
    const line = text.split("\n").find((l) => l.includes("Pune"))!;
    expect(
      (parseCsv(line, { delimiter: ";", relax_quotes: true, relax_column_count: true }) as string[][])[0].some((c) =>
        c.trimStart().startsWith("="),
      ),
    ).toBe(false);
  });
});

describe("odd input is a 4xx", () => {
  it("when any list is filtered by a nested list, then no route answers 5xx", async () => {
    const lists = listRoutes(createApp(stack.services)).filter(
      (r) => r.method === "GET" && r.path.startsWith("/api/") && !r.path.includes(":"),
    );
    expect(lists.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const { path } of lists) {
      for (const filter of [{ status: [[1, 2]] }, { id: [{ a: 1 }] }, { q: ["x"] }]) {
        const res = await stack.api(`${path.slice(4)}?filter=${encodeURIComponent(JSON.stringify(filter))}`);
        if (res.status >= 500) failures.push(`${path} ${JSON.stringify(filter)} → ${res.status}`);
        else if (res.status >= 400) expect((await res.json()).error.code, path).toMatch(/^[a-z0-9_]+$/);
      }
    }
    expect(failures).toEqual([]);
  });

  it("when an /api body is nested thousands deep, then 400 too_deep", async () => {
    const deep = `${'{"a":'.repeat(5000)}"x"${"}".repeat(5000)}`;
    const body = `{"first_name":"Deep","email":"deep.${tag()}@review.in","custom_fields":${deep}}`;
    const res = await stack.api("/leads", { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("too_deep");
  });

  it("when a form's redirect_url is javascript: or data:, then 422; http(s) is kept", async () => {
    for (const redirect_url of [
      "javascript:alert(document.cookie)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "ftp://files.example.in/x",
    ]) {
      const res = await stack.api("/forms", { method: "POST", json: { name: `Form ${tag()}`, redirect_url } });
      expect(res.status, redirect_url).toBe(422);
    }
    const form = await post("/forms", { name: `Form ${tag()}`, redirect_url: "https://example.in/thanks" });
    expect(form.redirect_url).toBe("https://example.in/thanks");
  });
});
