import { Liquid, type Template } from "liquidjs";
import { LRUCache } from "lru-cache";
import { htmlToText } from "../text/html-text.ts";
import { leadDisplayName } from "../lead/record.ts";

/**
 * Liquid (liquidjs): logic-less enough that a template cannot run code or read outside the
 * variables it is given (own properties only), with limits so a hostile template cannot hang a
 * worker. HTML output is escaped; the text part and the subject are not (they are not HTML).
 */
const limits = { ownPropertyOnly: true, strictFilters: true, parseLimit: 1_000_000, renderLimit: 1_000, memoryLimit: 20_000_000 };
const plain = new Liquid({ ...limits });
const html = new Liquid({ ...limits, outputEscape: "escape" });

/** Parsed once per engine and source: a drip run renders the same few templates thousands of times. */
const parsed = new LRUCache<string, Template[]>({ max: 1_000 });
function render(engine: Liquid, source: string, vars: TemplateVars): Promise<string> {
  const key = `${engine === html ? "h" : "p"}${source}`;
  let tpl = parsed.get(key);
  if (!tpl) parsed.set(key, (tpl = engine.parse(source)));
  return engine.render(tpl, vars);
}

/** Why a template does not parse, or null. */
export function parseTemplate(source: string): string | null {
  try {
    plain.parse(source);
    return null;
  } catch (e) {
    return (e as Error).message.split("\n")[0].slice(0, 300);
  }
}

export interface TemplateVars {
  lead: Record<string, unknown>;
  owner: Record<string, unknown>;
  company: Record<string, unknown>;
  sender: Record<string, unknown>;
  unsubscribe_url: string;
}

const LEAD_FIELDS = [
  "lead_number", "first_name", "last_name", "email", "phone", "company", "job_title", "city", "state", "country",
  "source", "subsource", "campaign", "product_interest", "budget", "budget_currency", "status", "lead_score", "grade", "custom_fields",
] as const;

/** What a template may read: chosen fields, never the whole row (no internal ids or scores it should not show). */
export function templateVars(lead: Record<string, unknown>, owner: Record<string, unknown> | null, tenant: { name: string }, unsubscribeUrl: string): TemplateVars {
  const picked: Record<string, unknown> = Object.fromEntries(LEAD_FIELDS.map((f) => [f, lead[f] ?? null]));
  picked.name = leadDisplayName(lead);
  picked.full_name = [lead.first_name, lead.last_name].filter(Boolean).join(" ") || null;
  const ownerName = (owner?.name as string | undefined) ?? null;
  return {
    lead: picked,
    owner: owner ? { name: ownerName, first_name: ownerName?.split(/\s+/)[0] ?? null, email: owner.email ?? null, phone: owner.phone ?? null } : { name: null, first_name: null, email: null, phone: null },
    company: { name: lead.company ?? null, city: lead.city ?? null },
    sender: { name: tenant.name },
    unsubscribe_url: unsubscribeUrl,
  };
}

export interface Rendered {
  subject: string;
  text: string;
  html: string | null;
}

/** Subject, text part (made from the HTML when the step has none) and HTML part. */
export async function renderEmail(step: { subject: string | null; body_text: string | null; body_html: string | null }, vars: TemplateVars): Promise<Rendered> {
  const [subject, bodyHtml, bodyText] = await Promise.all([
    render(plain, step.subject ?? "", vars),
    step.body_html ? render(html, step.body_html, vars) : null,
    step.body_text ? render(plain, step.body_text, vars) : null,
  ]);
  return {
    // A header must be one line.
    subject: subject.replace(/[\r\n]+/g, " ").trim().slice(0, 998),
    text: bodyText ?? htmlToText(bodyHtml ?? ""),
    html: bodyHtml,
  };
}
