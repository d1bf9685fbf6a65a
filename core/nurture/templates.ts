import { CaptureTag, Liquid, type Context, type FS, type LiquidOptions, type Template } from "liquidjs";
import { LRUCache } from "lru-cache";
import { AppError, unprocessable } from "../errors.ts";
import { htmlToText } from "../text/html-text.ts";
import { leadDisplayName } from "../lead/record.ts";

/**
 * Liquid (liquidjs): logic-less enough that a template cannot run code or read outside the
 * variables it is given (own properties only), with limits so a hostile template cannot hang a
 * worker. HTML output is escaped; the text part and the subject are not (they are not HTML).
 *
 * Templates are written by any tenant's marketers and rendered by the api and the worker, which
 * can read the master key: a template has no file system at all (see `noFiles`, `FILE_TAGS`).
 */

/** An empty file system: liquidjs reads partials and layouts through it, so nothing ever reaches the disk. */
const noFiles: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async (file) => {
    throw new Error(`templates have no files: ${file}`);
  },
  readFileSync: (file) => {
    throw new Error(`templates have no files: ${file}`);
  },
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
  dirname: () => "",
  sep: "/",
};

/** The tags that load another template from a file: removed, so they are unknown tags and a template using one does not parse. */
const FILE_TAGS = ["include", "render", "layout"];

/** The largest field a step holds (body_html, core/nurture/sequence.ts): nothing longer is parsed. */
const MAX_SOURCE = 500_000;
/** Rendered size of one part: more than any mail should be, far less than a worker can hold. */
const MAX_OUTPUT = 1_000_000;

const LIMITS: LiquidOptions = {
  ownPropertyOnly: true,
  strictFilters: true,
  parseLimit: MAX_SOURCE,
  // ms per render; a real template takes well under one.
  renderLimit: 500,
  // Characters built by filters (append, join, range …) and captures in one render.
  memoryLimit: 10_000_000,
};

/** `capture` builds its string outside liquidjs's memory count: counted here, so doubling a capture in a loop stops. */
class CountedCapture extends CaptureTag {
  override *render(ctx: Context): Generator<unknown, void, string> {
    yield* super.render(ctx);
    const captured = ctx.bottom() as Record<string, unknown>;
    ctx.memoryLimit.use(String(captured[this.variable] ?? "").length);
  }
}

/** The one way leadhub makes a Liquid engine: no file system, no file tags, bounded. */
export function newLiquid(opts: LiquidOptions = {}): Liquid {
  const engine = new Liquid({ ...LIMITS, ...opts, fs: noFiles, root: [], partials: [], layouts: [], relativeReference: false });
  for (const tag of FILE_TAGS) delete engine.tags[tag];
  engine.registerTag("capture", CountedCapture);
  return engine;
}

const plain = newLiquid();
const html = newLiquid({ outputEscape: "escape" });

/** Why a template is refused, said for the person who wrote it (liquidjs says `tag "include" not found`). */
function describe(err: unknown): string {
  const first = String((err as Error)?.message ?? err)
    .split("\n")[0]
    .slice(0, 300);
  return first.replace(
    /^tag "([^"]+)" not found/,
    (_, name: string) => `unknown tag \`${name}\`${FILE_TAGS.includes(name) ? ": templates cannot include files" : ""}`,
  );
}

/** liquidjs's own limits, plus V8's when a string outgrows what it can hold. */
const tooExpensive = (err: unknown) => /limit exceeded|Invalid string length|Maximum call stack/.test(String((err as Error)?.message));

/** Parsed once per engine and source: a drip run renders the same few templates thousands of times. */
const parsed = new LRUCache<string, Template[]>({ max: 1_000 });
async function render(engine: Liquid, field: string, source: string, vars: TemplateVars): Promise<string> {
  try {
    const key = `${engine === html ? "h" : "p"}${source}`;
    let tpl = parsed.get(key);
    if (!tpl) parsed.set(key, (tpl = engine.parse(source)));
    const out: string = await engine.render(tpl, vars);
    if (out.length > MAX_OUTPUT) throw new Error(`output limit exceeded: more than ${MAX_OUTPUT} characters`);
    return out;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw tooExpensive(err)
      ? unprocessable("template_too_expensive", `${field}: ${describe(err)}`, { field })
      : unprocessable("invalid_template", `${field}: ${describe(err)}`, { field });
  }
}

/** The codes a template's own failure carries: the worker records them on the step instead of retrying. */
export const isTemplateError = (err: unknown): err is AppError =>
  err instanceof AppError && (err.code === "template_too_expensive" || err.code === "invalid_template");

/** Why a template does not parse, or null. */
export function parseTemplate(source: string): string | null {
  try {
    plain.parse(source);
    return null;
  } catch (e) {
    return describe(e);
  }
}

export interface TemplateVars {
  lead: Record<string, unknown>;
  owner: Record<string, unknown>;
  company: Record<string, unknown>;
  sender: Record<string, unknown>;
  unsubscribe_url: string;
}

/** The lead fields a template may read. */
export const TEMPLATE_LEAD_FIELDS = [
  "lead_number",
  "first_name",
  "last_name",
  "email",
  "phone",
  "company",
  "job_title",
  "city",
  "state",
  "country",
  "source",
  "subsource",
  "campaign",
  "product_interest",
  "budget",
  "budget_currency",
  "status",
  "lead_score",
  "grade",
  "custom_fields",
] as const;

/** What a template may read: chosen fields, never the whole row (no internal ids or scores it should not show). */
export function templateVars(
  lead: Record<string, unknown>,
  owner: Record<string, unknown> | null,
  tenant: { name: string },
  unsubscribeUrl: string,
): TemplateVars {
  const picked: Record<string, unknown> = Object.fromEntries(TEMPLATE_LEAD_FIELDS.map((f) => [f, lead[f] ?? null]));
  picked.name = leadDisplayName(lead);
  picked.full_name = [lead.first_name, lead.last_name].filter(Boolean).join(" ") || null;
  const ownerName = (owner?.name as string | undefined) ?? null;
  return {
    lead: picked,
    owner: owner
      ? { name: ownerName, first_name: ownerName?.split(/\s+/)[0] ?? null, email: owner.email ?? null, phone: owner.phone ?? null }
      : { name: null, first_name: null, email: null, phone: null },
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

/**
 * Subject, text part (made from the HTML when the step has none) and HTML part. A template at
 * fault throws a 422 AppError: `invalid_template` (does not parse) or `template_too_expensive`.
 */
export async function renderEmail(
  step: { subject: string | null; body_text: string | null; body_html: string | null },
  vars: TemplateVars,
): Promise<Rendered> {
  const [subject, bodyHtml, bodyText] = await Promise.all([
    render(plain, "subject", step.subject ?? "", vars),
    step.body_html ? render(html, "body_html", step.body_html, vars) : null,
    step.body_text ? render(plain, "body_text", step.body_text, vars) : null,
  ]);
  return {
    // A header must be one line.
    subject: subject
      .replace(/[\r\n]+/g, " ")
      .trim()
      .slice(0, 998),
    text: bodyText ?? htmlToText(bodyHtml ?? ""),
    html: bodyHtml,
  };
}
