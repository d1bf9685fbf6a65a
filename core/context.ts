import type { Knex } from "knex";
import type { Clock } from "./clock.ts";
import type { Logger } from "./logger.ts";
import type { Queues } from "./queues.ts";
import type { PartnerSecrets } from "./partners.ts";
import type { LeadNumberAllocator } from "./lead/numbers.ts";
import type { RuleSetCache } from "./rules/rule-sets.ts";
import type { LeadStats } from "./dedup/stats.ts";
import type { RoundRobinSlots } from "./assignment/slots.ts";
import type { MailLinks } from "./nurture/links.ts";

/** What a job handler may use: never process.env, never a global db. */
export interface JobContext {
  db: Knex;
  clock: Clock;
  log: Logger;
  queues: Queues;
  settings: JobSettings;
  /** Readable lead numbers, handed out from reserved blocks. */
  leadNumbers: LeadNumberAllocator;
  /** Scoring and assignment rules, compiled, per tenant and version. */
  rules: RuleSetCache;
  /** Refreshes the leads table's statistics as tenants grow (dedup's plans depend on them). */
  leadStats: LeadStats;
  /** Teams' round-robin pointers, moved outside the jobs' transactions. */
  slots: RoundRobinSlots;
  /** Decrypts a partner's vendor secrets (page tokens, CRM keys) for the jobs that call vendors. */
  partnerSecrets(sealed: string | null): PartnerSecrets;
  /** Decrypts one secret sealed with the process's key (a webhook subscription's signing secret). */
  openSecret(sealed: string): string;
  /** Outbound mail (alerts, notifications, nurture); absent when SMTP_URL is not set. */
  mailer: Mailer | null;
  /** Signed unsubscribe, open and click links for the mail we send. */
  links: MailLinks;
}

export interface Mailer {
  send(message: {
    to: string | string[];
    from?: string;
    subject: string;
    text: string;
    html?: string;
    headers?: Record<string, string>;
    messageId?: string;
  }): Promise<{ messageId: string; response?: string }>;
  /** Lets pooled connections go (a worker shutting down). */
  close?(): void;
}

/** The few configuration values jobs need, passed in rather than read from the environment. */
export interface JobSettings {
  sweepAfterSeconds: number;
  /** Where Meta's Graph API lives unless a partner says otherwise (tests point it at a fake). */
  graphBaseUrl: string;
  indiamartBaseUrl: string;
  publicUrl: string;
  /** Server-side requests (webhooks, vendor fetches) may reach private and loopback addresses (OUTBOUND_ALLOW_PRIVATE). */
  outboundAllowPrivate: boolean;
}

/** What a handler reports; the worker writes it to the lead's pipeline trace. */
export interface JobResult {
  outcome: string;
  leadId?: string | null;
  eventId?: string | null;
  detail?: string;
}
