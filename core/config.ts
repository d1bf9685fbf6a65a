import { z } from "zod";
import { chooseLogFormat, LOG_FORMATS } from "./logger.ts";

const bool = z.enum(["1", "0", "true", "false", "yes", "no", ""]).transform((v) => ["1", "true", "yes"].includes(v));
const port = z.coerce.number().int().min(0).max(65535);

/** Every setting leadhub reads, with its default; validated once at start. */
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  /** The app's own role (no table owner, no BYPASSRLS); default: DATABASE_URL as leadhub_app. */
  APP_DATABASE_URL: z.string().url().optional(),
  REPORTS_DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  /** Braces make a Redis Cluster hash tag: every key of every queue lands in one slot. */
  QUEUE_PREFIX: z.string().min(1).default("{leadhub}"),
  PORT: port.default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.string().url().optional(),
  LEADHUB_ADMIN_EMAIL: z.string().email().optional(),
  LEADHUB_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** 32 bytes, hex or base64; generated into the data dir when unset. */
  LEADHUB_SECRET_KEY: z.string().min(32).optional(),
  LEADHUB_DATA_DIR: z.string().default(".data"),
  LEADHUB_DEMO: bool.default(false),
  SMTP_URL: z.string().optional(),
  SMTP_INGEST_PORT: port.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Unset: readable lines on a terminal, JSON lines otherwise (and always under tests). */
  LOG_FORMAT: z.enum(LOG_FORMATS).optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(32),
  /** How long a job's lock lasts without renewal: a worker killed mid-job has its jobs taken over after about this long. */
  WORKER_LOCK_SECONDS: z.coerce.number().int().min(2).max(600).default(30),
  INGEST_MAX_BODY: z.string().default("256kb"),
  JWT_TTL: z.string().default("12h"),
  /** How old an unprocessed inbound event must be before the sweeper re-enqueues it. */
  SWEEP_AFTER_SECONDS: z.coerce.number().int().min(1).default(30),
  /** Meta's Graph API (lead details); a partner's graph_base_url overrides it. */
  GRAPH_BASE_URL: z.string().url().default("https://graph.facebook.com/v21.0"),
  /** IndiaMART's pull API; a partner's indiamart_base_url overrides it. */
  INDIAMART_BASE_URL: z.string().url().default("https://mapi.indiamart.com"),
  MAIL_FROM: z.string().default("leadhub <no-reply@leadhub.local>"),
  /** Web-form submissions per minute: per visitor IP on one form, and per form from everyone. */
  FORM_RATE_PER_IP: z.coerce.number().int().min(1).default(20),
  FORM_RATE_PER_FORM: z.coerce.number().int().min(1).default(1200),
  /**
   * Let server-side requests (webhook deliveries, vendor fetches) reach private and loopback
   * addresses: local fakes in development and tests. Off: no one can aim leadhub at its own network.
   */
  OUTBOUND_ALLOW_PRIVATE: bool.optional(),
  /** The old name of OUTBOUND_ALLOW_PRIVATE, still read; OUTBOUND_ALLOW_PRIVATE wins when both are set. */
  WEBHOOKS_ALLOW_PRIVATE: bool.optional(),
  /** When set, GET /metrics asks for `Authorization: Bearer <token>` (a scraper outside the private network). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Start even when Redis may evict keys (maxmemory-policy other than noeviction): BullMQ then loses jobs; only for a Redis you cannot change. */
  REDIS_ALLOW_EVICTION: bool.default(false),
  /** Failed logins per IP and email within the window before 429 (a success resets the count). */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  LOGIN_RATE_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
});

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

/** Parses the environment; lists every bad key at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  return {
    databaseUrl: c.DATABASE_URL,
    appDatabaseUrl: c.APP_DATABASE_URL,
    reportsDatabaseUrl: c.REPORTS_DATABASE_URL,
    redisUrl: c.REDIS_URL,
    queuePrefix: c.QUEUE_PREFIX,
    port: c.PORT,
    host: c.HOST,
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    publicUrlConfigured: c.PUBLIC_URL !== undefined,
    adminEmail: c.LEADHUB_ADMIN_EMAIL,
    adminPassword: c.LEADHUB_ADMIN_PASSWORD,
    secretKey: c.LEADHUB_SECRET_KEY,
    dataDir: c.LEADHUB_DATA_DIR,
    demo: c.LEADHUB_DEMO,
    smtpUrl: c.SMTP_URL,
    smtpIngestPort: c.SMTP_INGEST_PORT,
    logLevel: c.LOG_LEVEL,
    logFormat: chooseLogFormat({ override: c.LOG_FORMAT, isTTY: process.stdout.isTTY === true, inTest: env.VITEST !== undefined }),
    workerConcurrency: c.WORKER_CONCURRENCY,
    workerLockMs: c.WORKER_LOCK_SECONDS * 1000,
    ingestMaxBody: c.INGEST_MAX_BODY,
    jwtTtl: c.JWT_TTL,
    sweepAfterSeconds: c.SWEEP_AFTER_SECONDS,
    outboundAllowPrivate: c.OUTBOUND_ALLOW_PRIVATE ?? c.WEBHOOKS_ALLOW_PRIVATE ?? false,
    graphBaseUrl: c.GRAPH_BASE_URL,
    indiamartBaseUrl: c.INDIAMART_BASE_URL,
    mailFrom: c.MAIL_FROM,
    formRate: { perIpPerMinute: c.FORM_RATE_PER_IP, perFormPerMinute: c.FORM_RATE_PER_FORM },
    redisAllowEviction: c.REDIS_ALLOW_EVICTION,
    metricsToken: c.METRICS_TOKEN,
    loginRate: { limit: c.LOGIN_RATE_LIMIT, windowMs: c.LOGIN_RATE_WINDOW_MINUTES * 60_000 },
  };
}
