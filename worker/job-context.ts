import type { Services } from "../core/services.ts";
import type { JobContext } from "../core/context.ts";
import { openSecrets } from "../core/partners.ts";
import { decrypt } from "../core/crypto.ts";
import { createMailer } from "../core/mailer.ts";
import { LeadNumberAllocator } from "../core/lead/numbers.ts";
import { RuleSetCache } from "../core/rules/rule-sets.ts";
import { LeadStats } from "../core/dedup/stats.ts";
import { RoundRobinSlots } from "../core/assignment/slots.ts";
import { MailLinks } from "../core/nurture/links.ts";

/** What jobs get from a process's services: plain inputs, no environment. */
export function createJobContext(services: Services): JobContext {
  const { config } = services;
  return {
    db: services.db,
    clock: services.clock,
    log: services.log,
    queues: services.queues,
    settings: {
      sweepAfterSeconds: config.sweepAfterSeconds,
      graphBaseUrl: config.graphBaseUrl,
      indiamartBaseUrl: config.indiamartBaseUrl,
      publicUrl: config.publicUrl,
      outboundAllowPrivate: config.outboundAllowPrivate,
    },
    partnerSecrets: (sealed) => openSecrets(services.keys.secrets, sealed),
    openSecret: (sealed) => decrypt(services.keys.secrets, sealed),
    leadNumbers: new LeadNumberAllocator(services.db),
    rules: new RuleSetCache(services.db),
    // Dedup's plans go wrong while the statistics say a tenant has no leads: refreshed from its 100th lead on.
    leadStats: new LeadStats(services.db, 100),
    slots: new RoundRobinSlots(services.pg),
    mailer: createMailer(config.smtpUrl, config.mailFrom),
    links: new MailLinks(services.keys.links, config.publicUrl),
  };
}
