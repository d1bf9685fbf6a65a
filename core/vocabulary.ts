/**
 * Every enumeration leadhub speaks: statuses, kinds, formats, operators, roles. The server and the
 * console (admin/, which bundles this file) both import it, so it imports nothing. A list that a
 * column's CHECK constraint also holds must equal it (test/core/vocabulary.test.ts reads them from
 * PostgreSQL): changing one needs a migration, which keeps its own frozen copy. Order is the order
 * people see (pickers, board columns), not the constraint's.
 */

// Leads
export const LEAD_STATUSES = ["new", "contacted", "qualified", "nurturing", "converted", "unqualified", "lost"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const LEAD_PRIORITIES = ["low", "medium", "high", "urgent"] as const;
export type LeadPriority = (typeof LEAD_PRIORITIES)[number];
/** Follows the score (core/scoring); not a constrained column. */
export const LEAD_GRADES = ["A", "B", "C", "D"] as const;
export type LeadGrade = (typeof LEAD_GRADES)[number];
export const VALIDATION_STATUSES = ["valid", "partial", "invalid"] as const;
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number];

// People
export const ROLES = ["admin", "manager", "rep", "marketer"] as const;
export type Role = (typeof ROLES)[number];
/** When a rep hears about a lead assigned to them. */
export const NOTIFY_NEW_LEADS = ["immediate", "digest", "off"] as const;
export type NotifyNewLeads = (typeof NOTIFY_NEW_LEADS)[number];
export const SESSION_END_REASONS = ["logout", "logout_all", "revoked", "account_changed", "tenant_disabled"] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

// Capture
export const INBOUND_CHANNELS = ["api", "form", "webhook", "email", "csv"] as const;
export type InboundChannel = (typeof INBOUND_CHANNELS)[number];
export const INBOUND_STATUSES = ["received", "processing", "done", "failed"] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];
export const INBOUND_OUTCOMES = ["created", "merged", "flagged_duplicate", "engagement", "ignored", "spam", "rejected"] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];
/** The vendor formats `POST /ingest/webhooks/:partnerId/:format` takes (one module each in core/capture). */
export const WEBHOOK_FORMATS = ["generic", "google-ads", "typeform", "hubspot", "facebook", "indiamart"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
/** Inputs a web form built in the console may have. */
export const FORM_FIELD_TYPES = ["text", "email", "tel", "textarea", "select", "checkbox", "number", "url", "hidden"] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];
export const ALERT_KINDS = ["silent", "error_rate", "schema_drift"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_SOURCE_TYPES = ["partner", "form"] as const;
export type AlertSourceType = (typeof ALERT_SOURCE_TYPES)[number];

// Dedup, imports and other background runs
export const REVIEW_STATUSES = ["open", "merged", "dismissed"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_ORIGINS = ["intake", "scan", "import"] as const;
export type ReviewOrigin = (typeof REVIEW_ORIGINS)[number];
export const MERGE_KINDS = ["submission", "lead", "import"] as const;
export type MergeKind = (typeof MERGE_KINDS)[number];
/** A dedup scan or a rescore run. */
export const RUN_STATUSES = ["queued", "running", "done", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const IMPORT_STATUSES = ["staged", "queued", "running", "paused", "done", "failed", "cancelled"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

// Rules, scoring, assignment
export const CONDITION_OPS = [
  "eq",
  "neq",
  "in",
  "not_in",
  "contains",
  "not_contains",
  "gt",
  "gte",
  "lt",
  "lte",
  "empty",
  "not_empty",
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];
export const RULE_KINDS = ["scoring", "assignment"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
/** What a lead does that scoring rewards; tracking writes them as engagements. */
export const BEHAVIOURS = ["email_opened", "link_clicked", "email_replied", "form_resubmitted", "meeting", "site_visit", "demo"] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];
/** Why a score moved: a new lead's rules, a rule change, a behaviour, idle decay. */
export const SCORE_REASONS = ["rules", "rescore", "behaviour", "decay"] as const;
export type ScoreReason = (typeof SCORE_REASONS)[number];
export const ASSIGNMENT_STRATEGIES = ["round_robin", "weighted", "least_loaded"] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];
export const SLA_ACTIONS = ["reassign", "escalate"] as const;
export type SlaAction = (typeof SLA_ACTIONS)[number];
export const NOTIFICATION_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

// CRM
/** What a timeline, a task or a custom field hangs off. */
export const RECORD_TYPES = ["lead", "account", "contact", "opportunity"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
export const ACTIVITY_TYPES = ["system", "note", "call", "email", "meeting", "task", "submission", "nurture"] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const ACCOUNT_TYPES = ["prospect", "customer", "partner"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const CONTACT_ROLES = ["decision_maker", "influencer", "user"] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];
export const CONTACT_CHANNELS = ["whatsapp", "email", "phone"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const OPPORTUNITY_STATUSES = ["open", "won", "lost"] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];
export const FORECAST_CATEGORIES = ["pipeline", "best_case", "commit", "closed", "omitted"] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];
export const CUSTOM_FIELD_TYPES = ["text", "number", "date", "boolean", "select"] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

// Journey
export const MILESTONE_KINDS = [
  "lead_generated",
  "contacted",
  "site_visit",
  "revisit",
  "demo",
  "proposal",
  "negotiation",
  "booking",
  "cancellation",
  "reengaged",
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];
export const OUTCOMES = ["positive", "neutral", "negative"] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Engagements people log; engagements.type also holds the BEHAVIOURS tracking writes. */
export const ENGAGEMENT_TYPES = ["email_sent", "call_made", "message_sent", "meeting_scheduled", "proposal_sent", "quote_sent"] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];
export const ENGAGEMENT_CHANNELS = ["email", "phone", "sms", "whatsapp", "in_person", "video"] as const;
export type EngagementChannel = (typeof ENGAGEMENT_CHANNELS)[number];
/** Of an engagement or an email message. */
export const DIRECTIONS = ["out", "in"] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const CAMPAIGN_TYPES = ["email", "social", "search", "display", "event", "referral", "print", "partner", "other"] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];
export const CAMPAIGN_STATUSES = ["planned", "active", "paused", "completed", "cancelled"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const SOURCE_CHANNELS = ["organic", "paid", "referral", "partner", "offline", "direct", "email", "social"] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];
export const BOOKING_STATUSES = ["pending", "confirmed", "on_hold", "completed", "cancelled"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const LEDGER_TYPES = ["invoice", "payment", "credit_note", "debit_note", "adjustment"] as const;
export type LedgerType = (typeof LEDGER_TYPES)[number];

// Nurture
export const SEQUENCE_STATUSES = ["active", "paused", "archived"] as const;
export type SequenceStatus = (typeof SEQUENCE_STATUSES)[number];
export const STEP_TYPES = ["email", "task", "wait", "branch", "end"] as const;
export type StepType = (typeof STEP_TYPES)[number];
/** When a sequence's enrolment rule is asked about a lead. */
export const ENROL_TRIGGERS = ["created", "changed", "both"] as const;
export type EnrolTrigger = (typeof ENROL_TRIGGERS)[number];
export const ENROLLMENT_STATUSES = ["active", "completed", "exited"] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
export const ENROLLMENT_SOURCES = ["rule", "manual", "api"] as const;
export type EnrollmentSource = (typeof ENROLLMENT_SOURCES)[number];
export const EXIT_REASONS = ["replied", "converted", "unsubscribed", "dnd", "bounced", "lost", "manual", "no_consent"] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];
/** "unknown": the SMTP call may or may not have gone through, so a person decides. */
export const EMAIL_STATUSES = ["queued", "sending", "sent", "unknown", "failed", "bounced", "not_sent"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
export const SUPPRESSION_REASONS = ["unsubscribed", "bounced", "complained", "manual", "erased"] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
export const SUPPRESSION_KINDS = ["email", "phone"] as const;
export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number];

// Events out
export const DELIVERY_STATUSES = ["pending", "sending", "delivered", "failed", "cancelled"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
