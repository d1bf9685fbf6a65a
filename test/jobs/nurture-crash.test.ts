import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { tag, writes } from "../support/json-api.ts";
import { CRASH_LOCK_SECONDS, spawnWorkerProcess } from "../support/worker-process.ts";
import { newPrefix, startStack, expectEventually, type Stack } from "../support/stack.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";

let stack: Stack;
let sink: SmtpSink;
let worker: ChildProcess | null = null;
let victim = "";
const prefix = newPrefix();

beforeAll(async () => {
  // The SMTP server has the whole message when the sender dies, before its "250 OK" reaches it.
  sink = await startSmtpSink({
    beforeAnswer: async (m) => {
      if (!worker || !String(m.to && (Array.isArray(m.to) ? m.to[0].text : m.to.text)).includes(victim)) return;
      const dying = once(worker, "exit");
      worker.kill("SIGKILL");
      await dying;
      worker = null;
    },
  });
  stack = await startStack({ queuePrefix: prefix, env: { SMTP_URL: sink.url, WORKER_LOCK_SECONDS: CRASH_LOCK_SECONDS } });
}, 60_000);
afterAll(async () => {
  worker?.kill("SIGKILL");
  await stack?.stop();
  await sink?.close();
});

const { post } = writes(() => stack);

describe("a worker killed between claiming a send and recording it", () => {
  it("restarted, sends nothing twice, in its batch too: exactly one email arrived, marked 'unknown' for a person, and the sequences go on", async () => {
    const seq = await post("/sequences", {
      name: `Crash ${tag()}`,
      steps: [
        { type: "email", subject: "Welcome", body_text: "Hello" },
        { type: "email", subject: "Second", body_text: "Again" },
      ],
    });
    victim = `crash.${tag()}@example.com`;
    const lead = await post("/leads", { first_name: "Kiran", email: victim });
    // Others fall due with it, so the kill lands in the middle of a batch: claimed, some sent, none answered.
    const others = await Promise.all(
      [1, 2, 3, 4, 5].map(() => post("/leads", { first_name: "Asha", email: `bystander.${tag()}@example.com` })),
    );
    worker = await spawnWorkerProcess(prefix, { SMTP_URL: sink.url });
    await post(`/sequences/${seq.id}/enroll`, { lead_ids: [lead.id, ...others.map((o) => o.id)] }, 200);
    const e = await stack.services.db("enrollments").where({ lead_id: lead.id, sequence_id: seq.id }).first("id");
    await expectEventually(() => expect(worker).toBeNull(), 20_000);
    const received = (to: string, subject: string) =>
      sink.messages.filter((m) => m.subject === subject && String(Array.isArray(m.to) ? m.to[0].text : m.to?.text).includes(to));
    const toVictim = () =>
      sink.messages.filter((m) => m.subject && String(Array.isArray(m.to) ? m.to[0].text : m.to?.text).includes(victim));
    expect(toVictim().map((m) => m.subject)).toEqual(["Welcome"]);
    const [claimed] = await stack.services.db("email_messages").where("enrollment_id", e.id);
    expect(claimed.status).toBe("sending");

    // Another worker takes the dead one's jobs once their locks run out.
    victim = "nobody";
    await stack.startWorker();
    await expectEventually(async () => {
      const states = await stack.services.db("enrollments").where("sequence_id", seq.id).pluck("status");
      expect(states).toEqual(Array(6).fill("completed"));
    }, 30_000);
    const mails = await stack.services.db("email_messages").where("enrollment_id", e.id).orderBy("step");
    expect(mails.map((m) => [m.step, m.status])).toEqual([
      [1, "unknown"],
      [2, "sent"],
    ]);
    await new Promise((r) => setTimeout(r, 500));
    expect(received(lead.email, "Welcome")).toHaveLength(1);
    // Every first mail was claimed once; one recorded "sent" arrived once, one left "sending" became "unknown" and went at most once.
    for (const o of others) {
      const first = await stack.services.db("email_messages").where({ lead_id: o.id, step: 1 }).select("status");
      expect(first).toHaveLength(1);
      expect(["sent", "unknown"]).toContain(first[0].status);
      const got = received(o.email, "Welcome").length;
      if (first[0].status === "sent") expect(got).toBe(1);
      else expect(got).toBeLessThanOrEqual(1);
      expect(received(o.email, "Second")).toHaveLength(1);
    }

    // A person settles it.
    const settled = await post(`/email_messages/${mails[0].id}/reconcile`, { outcome: "sent" }, 200);
    expect(settled.status).toBe("sent");
  }, 90_000);
});
