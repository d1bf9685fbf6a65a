import type { DbRow } from "../db.ts";
import { exitEnrollments } from "../nurture/enrol.ts";
import type { Knex } from "knex";
import { pgTextArray } from "../db.ts";
import { taxKey } from "../dedup/keys.ts";
import { normalizeCompany } from "../lead/normalize.ts";
import { addTimelineEntry } from "../lead/timeline.ts";
import { emitEvents, leadPayload } from "../events/outbox.ts";
import { fieldValue } from "../rules/condition.ts";
import { pipelineStages, stageTasks, type Stage } from "./stages.ts";
import { leadDisplayName } from "../lead/record.ts";

export interface ConversionOverrides {
  account_id?: string | null;
  opportunity_name?: string | null;
  value?: number | null;
  stage_id?: string | null;
  owner_id?: string | null;
}

export interface ConversionPlan {
  lead: { id: string; lead_number: string; name: string; converted: boolean };
  account: {
    action: "match" | "create";
    id: string | null;
    name: string;
    matched_by: "gstin" | "email domain" | "company name" | "chosen" | null;
  };
  contact: { action: "match" | "create"; id: string | null; name: string; email: string | null; phone: string | null };
  opportunity: {
    name: string;
    value: number | null;
    currency: string;
    stage_id: string;
    stage: string;
    probability: number;
    owner_id: string | null;
  };
}

export interface Converted {
  account_id: string;
  contact_id: string;
  opportunity_id: string;
  /** False when the lead had been converted already: nothing was created. */
  created: boolean;
}

type Lead = DbRow;

/**
 * What converting the lead would make or match: the account by GSTIN, then by the email's
 * company domain (never a free mail domain), then by the company's name without its legal suffix;
 * the contact by email or phone within that account; the deal in the pipeline's first open stage
 * with the lead's budget. A lead without a company becomes an account named after the person.
 */
/** How a lead's company is recognised: its GSTIN, its email's company domain (never a free mail one), its name without legal suffix. */
function companyKeys(lead: Lead, now: Date) {
  return {
    gstin: taxKey(lead.gstin).gstin,
    domain: fieldValue(lead, "is_free_mail", now) === false ? (fieldValue(lead, "email_domain", now) as string) : null,
    nameKey: normalizeCompany(lead.company),
  };
}
const accountKeys = (lead: Lead, now: Date) => {
  const k = companyKeys(lead, now);
  return [k.gstin && `g:${k.gstin}`, k.domain && `d:${k.domain}`, k.nameKey && `n:${k.nameKey}`].filter((x): x is string => Boolean(x));
};

export async function planConversion(
  db: Knex,
  tenantId: string,
  lead: Lead,
  o: ConversionOverrides = {},
  stages?: Stage[],
): Promise<ConversionPlan> {
  const accounts = () => db("accounts").where("tenant_id", tenantId).whereNull("deleted_at");
  const { gstin, domain, nameKey } = companyKeys(lead, new Date());
  let account: { id: string; name: string } | undefined;
  let matchedBy: ConversionPlan["account"]["matched_by"] = null;
  if (o.account_id) [account, matchedBy] = [await accounts().where("id", o.account_id).first("id", "name"), "chosen"];
  if (!account && gstin) [account, matchedBy] = [await accounts().where("gstin", gstin).first("id", "name"), "gstin"];
  if (!account && domain)
    [account, matchedBy] = [await accounts().where("email_domain", domain).orderBy("created_at").first("id", "name"), "email domain"];
  if (!account && nameKey)
    [account, matchedBy] = [await accounts().where("name_key", nameKey).orderBy("created_at").first("id", "name"), "company name"];

  const contact = account
    ? await db("contacts")
        .where({ tenant_id: tenantId, account_id: account.id })
        .whereNull("deleted_at")
        .where((q) => {
          if (lead.email_canonical) q.orWhere("email_canonical", lead.email_canonical);
          if (lead.phone_e164) q.orWhere("phone_e164", lead.phone_e164);
          if (!lead.email_canonical && !lead.phone_e164) q.whereRaw("false");
        })
        .first("id", "first_name", "last_name", "email", "phone_e164")
    : undefined;

  stages ??= await pipelineStages(db, tenantId);
  const stage = stages.find((s) => s.id === o.stage_id) ?? stages.find((s) => !s.is_won && !s.is_lost) ?? stages[0];
  const accountName = account?.name ?? lead.company ?? leadDisplayName(lead);
  const tenant = await db("tenants").where("id", tenantId).first("currency");
  return {
    lead: { id: lead.id, lead_number: lead.lead_number, name: leadDisplayName(lead), converted: Boolean(lead.converted_opportunity_id) },
    account: { action: account ? "match" : "create", id: account?.id ?? null, name: accountName, matched_by: account ? matchedBy : null },
    contact: contact
      ? {
          action: "match",
          id: contact.id,
          name: [contact.first_name, contact.last_name].filter(Boolean).join(" "),
          email: contact.email,
          phone: contact.phone_e164,
        }
      : { action: "create", id: null, name: leadDisplayName(lead), email: lead.email, phone: lead.phone_e164 },
    opportunity: {
      name: o.opportunity_name ?? `${accountName}${lead.product_interest ? ` – ${lead.product_interest}` : ""}`,
      value: o.value ?? (lead.budget != null ? Number(lead.budget) : null),
      currency: lead.budget_currency ?? tenant.currency,
      stage_id: stage.id,
      stage: stage.name,
      probability: stage.probability,
      owner_id: o.owner_id ?? lead.owner_id ?? null,
    },
  };
}

/**
 * Converts a lead into account + contact + opportunity in the caller's transaction, exactly once:
 * the lead row is locked first, and a lead already converted answers the ids it has (a retried job
 * or a double click creates nothing). The lead becomes converted with the three ids; each record's
 * timeline says where it came from.
 */
export async function convertLead(
  trx: Knex.Transaction,
  input: { tenantId: string; leadId: string; userId: string | null; now: Date; why: string; overrides?: ConversionOverrides },
): Promise<Converted> {
  const { tenantId, now } = input;
  const lead = await trx("leads").where({ id: input.leadId, tenant_id: tenantId }).whereNull("deleted_at").forUpdate().first();
  if (!lead) throw new Error(`lead ${input.leadId} not found`);
  if (lead.converted_opportunity_id) {
    return {
      account_id: lead.converted_account_id,
      contact_id: lead.converted_contact_id,
      opportunity_id: lead.converted_opportunity_id,
      created: false,
    };
  }
  // Colleagues converting at once must find one account, not make one each: their company's keys are locked first, in order.
  const keys = accountKeys(lead, now)
    .map((k) => `account:${tenantId}:${k}`)
    .sort();
  if (keys.length) await trx.raw("SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(?::text[]) k", [pgTextArray(keys)]);
  const stages = await pipelineStages(trx, tenantId);
  const plan = await planConversion(trx, tenantId, lead, input.overrides, stages);
  const stamp = { tenant_id: tenantId, created_at: now, updated_at: now };

  let accountId = plan.account.id;
  if (!accountId) {
    const { gstin, domain } = companyKeys(lead, now);
    [{ id: accountId }] = await trx("accounts")
      .insert({
        ...stamp,
        name: plan.account.name,
        name_key: normalizeCompany(lead.company ?? plan.account.name),
        type: "prospect",
        industry: lead.industry,
        gstin,
        website: lead.website,
        email_domain: domain,
        phone: lead.phone_e164,
        address: lead.address,
        city: lead.city,
        state: lead.state,
        country: lead.country,
        postal_code: lead.postal_code,
        owner_id: plan.opportunity.owner_id,
        created_by: input.userId,
      })
      .returning("id");
  }
  let contactId = plan.contact.id;
  if (!contactId) {
    const hasPrimary = await trx("contacts").where({ account_id: accountId, is_primary: true }).whereNull("deleted_at").first("id");
    [{ id: contactId }] = await trx("contacts")
      .insert({
        ...stamp,
        account_id: accountId,
        first_name: lead.first_name,
        last_name: lead.last_name,
        job_title: lead.job_title,
        email: lead.email,
        email_canonical: lead.email_canonical,
        phone: lead.phone,
        phone_e164: lead.phone_e164,
        is_primary: !hasPrimary,
        lead_id: lead.id,
        owner_id: plan.opportunity.owner_id,
        role: /decision|owner|director|founder|ceo|head/i.test(`${lead.authority ?? ""} ${lead.job_title ?? ""}`) ? "decision_maker" : null,
      })
      .returning("id");
  }
  const o = plan.opportunity;
  const [{ id: opportunityId }] = await trx("opportunities")
    .insert({
      ...stamp,
      name: o.name.slice(0, 300),
      value: o.value,
      currency: o.currency,
      stage_id: o.stage_id,
      probability: o.probability,
      account_id: accountId,
      primary_contact_id: contactId,
      lead_id: lead.id,
      owner_id: o.owner_id,
      expected_close: null,
      stage_changed_at: now,
    })
    .returning("id");
  await trx("stage_history").insert({
    tenant_id: tenantId,
    opportunity_id: opportunityId,
    from_stage_id: null,
    to_stage_id: o.stage_id,
    changed_by: input.userId,
    created_at: now,
  });
  const stage = stages.find((s) => s.id === o.stage_id)!;
  const tasks = stageTasks(stage, { tenantId, opportunityId, ownerId: o.owner_id, now });
  if (tasks.length) await trx("tasks").insert(tasks);

  await trx("leads").where("id", lead.id).update({
    status: "converted",
    converted_at: now,
    converted_account_id: accountId,
    converted_contact_id: contactId,
    converted_opportunity_id: opportunityId,
    sla_due_at: null,
    updated_at: now,
  });
  const ids = { lead_id: lead.id, account_id: accountId, contact_id: contactId, opportunity_id: opportunityId };
  // A customer now: drip mail for prospects stops.
  await exitEnrollments(trx, { tenantId, leadIds: [lead.id], reason: "converted", now, userId: input.userId });
  const entry = (recordType: "account" | "contact" | "opportunity", recordId: string, title: string) =>
    addTimelineEntry(trx, tenantId, recordId, now, {
      recordType,
      action: "converted",
      title,
      body: input.why,
      data: ids,
      actorUserId: input.userId,
    });
  await addTimelineEntry(trx, tenantId, lead.id, now, {
    action: "lead.converted",
    title: `Converted: ${plan.account.name} (${plan.account.action === "match" ? "existing account" : "new account"}), ${o.name}`,
    body: input.why,
    data: ids,
    actorUserId: input.userId,
  });
  await emitEvents(trx, [
    {
      tenantId,
      type: "lead.converted",
      recordType: "lead",
      recordId: lead.id,
      now,
      payload: { ...leadPayload(lead), status: "converted", ...ids },
    },
    {
      tenantId,
      type: "opportunity.created",
      recordType: "opportunity",
      recordId: opportunityId,
      now,
      payload: { id: opportunityId, name: o.name, value: o.value, currency: o.currency, stage_id: o.stage_id, stage: stage.name, ...ids },
    },
  ]);
  await entry("opportunity", opportunityId, `Created from lead ${lead.lead_number} in ${stage.name}`);
  await entry(
    "account",
    accountId!,
    `${plan.account.action === "match" ? "Lead converted into this account" : "Created from lead"} ${lead.lead_number}`,
  );
  await entry("contact", contactId!, `${plan.contact.action === "match" ? "Matched lead" : "Created from lead"} ${lead.lead_number}`);
  return { account_id: accountId!, contact_id: contactId!, opportunity_id: opportunityId, created: true };
}
