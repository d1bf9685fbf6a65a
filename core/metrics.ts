import client from "prom-client";

/** One registry per process; /metrics serves it. */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const httpDuration = new client.Histogram({
  name: "leadhub_http_request_duration_seconds",
  help: "HTTP request duration by route and status",
  labelNames: ["method", "route", "status"],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const jobDuration = new client.Histogram({
  name: "leadhub_job_duration_seconds",
  help: "Job run time by job name and outcome",
  labelNames: ["job", "outcome"],
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
  registers: [registry],
});

export const intakeBatchSize = new client.Histogram({
  name: "leadhub_intake_batch_size",
  help: "Inbound events per intake batch (one transaction each)",
  buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
  registers: [registry],
});

export const inboundAccepted = new client.Counter({
  name: "leadhub_inbound_events_total",
  help: "Inbound events stored, by channel and result",
  labelNames: ["channel", "result"],
  registers: [registry],
});

/** Counts the drip emails waiting because outbound mail is not set up; the api sets where the count comes from (core/nurture/mail-status.ts). */
let mailWaitingCount: (() => Promise<number>) | null = null;
export const countMailWaitingWith = (fn: () => Promise<number>) => void (mailWaitingCount = fn);

export const mailWaiting = new client.Gauge({
  name: "leadhub_mail_waiting",
  help: "Drip emails waiting because outbound mail is not set up (no SMTP_URL); 0 when mail can go out",
  registers: [registry],
  async collect() {
    this.set(mailWaitingCount ? await mailWaitingCount().catch(() => 0) : 0);
  },
});
