import { scopeOwned, seesOnlyOwn } from "../../core/access.ts";
import { LEAD_PRIORITIES, LEAD_STATUSES } from "../../core/vocabulary.ts";
import type { Request } from "express";
import type { Knex } from "knex";
import { convertIfRuleHolds } from "../../core/crm/conversion-rules.ts";
import { checkCustomFields } from "../../core/crm/custom-fields.ts";
import { z } from "zod";
import { IANAZone } from "luxon";
import type { Services } from "../../core/services.ts";
import { unprocessable } from "../../core/errors.ts";
import { reserveLeadNumbers } from "../../core/lead/numbers.ts";
import { canonicalEmail, nationalNumber, normalizeCompany, normalizeEmail, normalizePhone, regionFor } from "../../core/lead/normalize.ts";
import { dedupColumns } from "../../core/dedup/columns.ts";
import { addTimelineEntry } from "../../core/lead/timeline.ts";
import { matchKeys, type LeadLike } from "../../core/dedup/keys.ts";
import type { ResourceSpec } from "./resource.ts";
import { loadEnrolRules } from "../../core/nurture/enrol-rules.ts";
import { enrolByRules, exitEnrollments, type DueStep } from "../../core/nurture/enrol.ts";
import { scheduleSoon } from "../../core/nurture/schedule.ts";

export const LEAD_COLUMNS = [
  "id",
  "lead_number",
  "first_name",
  "last_name",
  "email",
  "phone",
  "phone_e164",
  "alt_phone",
  "company",
  "job_title",
  "website",
  "industry",
  "gstin",
  "address",
  "city",
  "state",
  "country",
  "postal_code",
  "language",
  "source",
  "subsource",
  "campaign",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "referrer",
  "landing_page",
  "owner_id",
  "team_id",
  "status",
  "stage",
  "lead_score",
  "grade",
  "priority",
  "budget",
  "budget_currency",
  "authority",
  "need",
  "timeline",
  "product_interest",
  "message",
  "gdpr_consent",
  "consent_at",
  "dnd",
  "opt_in_at",
  "is_duplicate",
  "duplicate_of_id",
  "spam_score",
  "validation_status",
  "validation_notes",
  "converted_at",
  "converted_account_id",
  "converted_contact_id",
  "converted_opportunity_id",
  "custom_fields",
  "tags",
  "inbound_event_id",
  "last_activity_at",
  "first_contacted_at",
  "created_by",
  "partner_id",
  "form_id",
  "consent",
  "import_id",
  "import_row",
  "created_at",
  "updated_at",
  "time_zone",
  "behaviour_score",
  "score_version",
  "assignment_rule_id",
  "assignment_version",
  "assigned_at",
  "sla_due_at",
  "sla_breached_at",
  "erased_at",
];

// Empty inputs from a form mean "no value".
const str = (max = 300) => z.preprocess((v) => (v === "" ? null : v), z.string().trim().max(max).nullish());
const uuidOrNull = z.preprocess((v) => (v === "" ? null : v), z.uuid().nullish());

/** What a person may set on a lead in the console; machine-owned fields are dropped silently. */
export const leadWriteSchema = z.object({
  first_name: str(200),
  last_name: str(200),
  email: str(320),
  phone: str(40),
  alt_phone: str(40),
  company: str(),
  job_title: str(200),
  website: str(500),
  industry: str(200),
  gstin: str(20),
  address: str(1000),
  city: str(200),
  state: str(200),
  country: str(100),
  postal_code: str(20),
  language: str(50),
  source: str(200),
  subsource: str(200),
  campaign: str(200),
  utm_source: str(200),
  utm_medium: str(200),
  utm_campaign: str(200),
  utm_term: str(200),
  utm_content: str(200),
  referrer: str(2000),
  landing_page: str(2000),
  owner_id: uuidOrNull,
  team_id: uuidOrNull,
  status: z.enum(LEAD_STATUSES).optional(),
  stage: str(50),
  priority: z.enum(LEAD_PRIORITIES).optional(),
  budget: z.preprocess((v) => (v === "" ? null : v), z.coerce.number().nonnegative().max(1e13).nullish()),
  budget_currency: str(3),
  authority: str(200),
  need: str(2000),
  timeline: str(200),
  product_interest: str(300),
  message: str(10_000),
  gdpr_consent: z.boolean().optional(),
  dnd: z.boolean().optional(),
  // An IANA zone ("Asia/Dubai"): drip mail's "until 09:00" and quiet hours use it.
  time_zone: z
    .string()
    .max(64)
    .refine((zone) => IANAZone.isValidZone(zone), "an IANA time zone such as Asia/Kolkata")
    .nullish(),
  custom_fields: z.record(z.string().max(100), z.unknown()).optional(),
  tags: z.array(z.string().max(100)).max(50).optional(),
});

async function regionOf(db: Knex, tenantId: string): Promise<string> {
  const t = await db("tenants").where("id", tenantId).first("default_region");
  return t?.default_region ?? "IN";
}

/** Derived columns (canonical email, E.164 phone, matching company) follow the fields people edit. */
async function derive(data: Record<string, unknown>, before: Record<string, unknown> | null, req: Request, services: Services) {
  const row: Record<string, unknown> = { ...data };
  if ("email" in data) {
    const email = normalizeEmail(data.email as string | null);
    if (data.email && !email) throw unprocessable("invalid_email", `email "${String(data.email).slice(0, 100)}" is not a valid address`);
    row.email = email;
    row.email_canonical = email ? canonicalEmail(email) : null;
  }
  if ("phone" in data || "country" in data) {
    const region = regionFor((data.country ?? before?.country) as string | null, await regionOf(services.db, req.user!.tenantId));
    const phone = (("phone" in data ? data.phone : before?.phone) as string | null) ?? null;
    const e164 = normalizePhone(phone, region);
    if (phone && !e164) throw unprocessable("invalid_phone", `phone "${phone.slice(0, 40)}" is not a valid number`);
    row.phone_e164 = e164;
    row.phone_national = nationalNumber(e164);
  }
  if ("company" in data) row.company_normalized = normalizeCompany(data.company as string | null);
  for (const [col, table] of [
    ["owner_id", "users"],
    ["team_id", "teams"],
  ] as const) {
    if (!data[col]) continue;
    const found = await services.db(table).where({ id: data[col], tenant_id: req.user!.tenantId }).whereNull("deleted_at").first("id");
    if (!found) throw unprocessable("invalid_reference", `${col} does not name a ${table.slice(0, -1)} of this tenant`);
  }
  // Checked against the tenant's definitions on every create, and on updates that touch them.
  if (!before || data.custom_fields)
    await checkCustomFields(services.db, req.user!.tenantId, "lead", data.custom_fields as Record<string, unknown> | undefined);
  if (data.custom_fields) row.custom_fields = JSON.stringify(data.custom_fields);
  // Converted means an account, a contact and a deal exist: only the conversion says so.
  if (data.status === "converted" && before?.status !== "converted") {
    throw unprocessable("lead_convert_instead", "a lead becomes converted by converting it: POST /api/leads/:id/convert");
  }
  // Moving a lead on from "new" is contact: it stops the SLA timer.
  if (data.status && data.status !== "new" && before?.status === "new" && !before.first_contacted_at)
    row.first_contacted_at = services.clock.now();
  // The matching keys follow the fields they come from, so dedup finds leads written by hand too.
  if (!before || MATCHED_FIELDS.some((f) => f in data)) {
    const region = await regionOf(services.db, req.user!.tenantId);
    Object.assign(row, dedupColumns(matchKeys({ ...before, ...row } as LeadLike, { region })));
  }
  return row;
}

const MATCHED_FIELDS = ["first_name", "last_name", "email", "phone", "alt_phone", "company", "gstin", "city", "country"];

async function timelineEntry(
  trx: Knex.Transaction,
  req: Request,
  leadId: string,
  action: string,
  title: string,
  data: object = {},
): Promise<void> {
  await addTimelineEntry(trx, req.user!.tenantId, leadId, new Date(), { action, title, data, actorUserId: req.user!.id });
}

export function leadsResource(services: Services): ResourceSpec {
  // Steps of enrolments a write made, scheduled once it is committed.
  const dueSteps = new WeakMap<Request, DueStep[]>();
  return {
    name: "leads",
    table: "leads",
    columns: LEAD_COLUMNS,
    filters: [
      "status",
      "source",
      "subsource",
      "campaign",
      "owner_id",
      "team_id",
      "priority",
      "grade",
      "stage",
      "city",
      "state",
      "country",
      "is_duplicate",
      "validation_status",
      "lead_number",
      "inbound_event_id",
      "dnd",
      "gdpr_consent",
      "utm_source",
      "utm_medium",
      "utm_campaign",
      "email",
      "phone_e164",
      "company",
      "partner_id",
      "form_id",
      "import_id",
      "assignment_rule_id",
    ],
    ranges: ["created_at", "updated_at", "lead_score", "budget", "last_activity_at", "converted_at", "sla_due_at"],
    sortable: [
      "created_at",
      "updated_at",
      "lead_number",
      "first_name",
      "last_name",
      "company",
      "email",
      "status",
      "lead_score",
      "priority",
      "source",
      "city",
      "owner_id",
      "last_activity_at",
      "budget",
      "grade",
      "assigned_at",
      "sla_due_at",
    ],
    search: { tsvector: "search" },
    readRoles: ["admin", "manager", "rep", "marketer"],
    writeRoles: ["admin", "manager", "rep", "marketer"],
    // A rep works their own leads only.
    scope: (q, req) => void scopeOwned(q, "leads.owner_id", req.user!),
    create: {
      schema: leadWriteSchema.refine((d) => d.email || d.phone, { message: "a lead needs an email or a phone", path: ["email"] }),
      toRow: async (data, req, services) => {
        const row = await derive(data, null, req, services);
        const [number] = await reserveLeadNumbers(services.db, req.user!.tenantId, services.clock.now());
        return {
          ...row,
          lead_number: number,
          created_by: req.user!.id,
          owner_id: row.owner_id ?? (seesOnlyOwn(req.user!) ? req.user!.id : null),
          source: row.source ?? "manual",
          last_activity_at: services.clock.now(),
        };
      },
    },
    update: { schema: leadWriteSchema, toRow: (data, before, req, services) => derive(data, before, req, services) },
    deletable: true,
    afterWrite: async (trx, { action, before, after }, req) => {
      const id = after.id as string;
      const now = services.clock.now();
      if (action === "delete") {
        await exitEnrollments(trx, {
          tenantId: req.user!.tenantId,
          leadIds: [id],
          reason: "manual",
          now,
          userId: req.user!.id,
          detail: "lead deleted",
        });
        return timelineEntry(trx, req, id, "lead.deleted", "Lead deleted");
      }
      // Read in the write's own transaction: a second connection per request could starve the pool under load.
      const enrol = async () => {
        const sets = { enrol: await loadEnrolRules(trx, req.user!.tenantId) };
        dueSteps.set(req, await enrolByRules(trx, req.user!.tenantId, [after], action === "create" ? "created" : "changed", sets, now));
      };
      if (action === "create") {
        await timelineEntry(trx, req, id, "lead.created", "Lead created by hand");
        return enrol();
      }
      // Do-not-disturb and lost end drip mail at once (each step checks again before it runs).
      const exit = after.dnd && !before!.dnd ? "dnd" : after.status === "lost" && before!.status !== "lost" ? "lost" : null;
      if (exit) await exitEnrollments(trx, { tenantId: req.user!.tenantId, leadIds: [id], reason: exit, now, userId: req.user!.id });
      if (before!.status !== after.status) {
        await timelineEntry(trx, req, id, "lead.status_changed", `Status changed from ${before!.status} to ${after.status}`, {
          from: before!.status,
          to: after.status,
        });
      }
      if (before!.owner_id !== after.owner_id) {
        const owner = after.owner_id
          ? await trx("users")
              .where("id", after.owner_id as string)
              .first("name")
          : null;
        await timelineEntry(trx, req, id, "lead.assigned", owner ? `Assigned to ${owner.name}` : "Owner removed", {
          from: before!.owner_id,
          to: after.owner_id,
          by: "manual",
        });
      }
      // A change of status or fields may be what a conversion rule waits for.
      await convertIfRuleHolds(trx, req.user!.tenantId, after, new Date(), req.user!.id);
      await enrol();
    },
    afterCommit: async (req) => {
      const due = dueSteps.get(req);
      if (due?.length) await scheduleSoon(services.queues, services.clock, services.log, due);
    },
  };
}
