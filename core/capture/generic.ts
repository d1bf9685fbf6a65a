import { AdapterError, captureVendor, type Adapted, type AdapterInput } from "./types.ts";
import { fieldForKey, mappingFor, normKey } from "../lead/field-names.ts";
import { LeadBuilder, idText, isObject } from "./lead-builder.ts";
import { requirePartnerKey, requireSignature, verifyLeadhubSignature } from "./signatures.ts";

type Json = Record<string, unknown>;

const MAX_DEPTH = 4;
const ID_KEYS = ["externalid", "id", "leadid"];

/**
 * The payload as one flat object. Accepts what Zapier, Make and hand-written forms send:
 * - a one-element array (Zapier's "Wrap Request In Array"),
 * - one level of wrapping, `{lead: {...}}` or an XML root element (`{"?xml": "", root: {...}}`,
 *   fast-xml-parser's default output),
 * - nested objects (Zapier's "Unflatten", XML child elements), flattened to dotted keys.
 */
function flatten(payload: unknown): Json {
  let body = payload;
  if (Array.isArray(body) && body.length === 1) body = body[0];
  if (!isObject(body)) {
    throw new AdapterError(
      "generic_shape",
      `expected one lead as an object, got ${Array.isArray(body) ? `an array of ${body.length}` : typeof body}`,
    );
  }
  const keys = Object.keys(body).filter((k) => !k.startsWith("?"));
  if (keys.length === 1 && isObject(body[keys[0]]) && !fieldForKey(keys[0]) && normKey(keys[0]) !== "customfields") {
    body = body[keys[0]];
  }
  const flat: Json = {};
  const walk = (obj: Json, prefix: string, depth: number) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k.startsWith("?") || k.startsWith("@_")) continue;
      const key = prefix + k;
      if (isObject(v) && !("#text" in v) && depth < MAX_DEPTH && normKey(k) !== "customfields") walk(v, `${key}.`, depth + 1);
      else flat[key] = v;
    }
  };
  walk(body as Json, "", 0);
  return flat;
}

function vendorIdOf(flat: Json): string | null {
  for (const want of ID_KEYS) {
    for (const [k, v] of Object.entries(flat)) if (normKey(k) === want && idText(v)) return idText(v);
  }
  return null;
}

/**
 * Our own JSON, or any flat JSON, form-encoded or XML lead (Zapier, Make, website forms).
 * Keys map by the partner's `field_mapping` first, then by well-known names ("Full Name",
 * "E-mail", "mobile_no", "State/Region", "utm_source" …); anything else is kept in custom fields
 * and reported as unmapped. Sent with the partner key, or signed with our X-Leadhub-Signature.
 */
export const genericAdapter = captureVendor({
  format: "generic",
  title: "Generic JSON / form",
  authHelp: [
    "Partner key: Authorization: Bearer <API key> (or ?key=<API key>)",
    'Or signed: X-Leadhub-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with the signing secret>',
  ],
  bodyKinds: ["json", "form", "xml", "multipart"],
  secrets: [],

  authenticate(delivery, partner) {
    const header = delivery.header("x-leadhub-signature");
    if (!header) return requirePartnerKey(delivery);
    const check = verifyLeadhubSignature(header, delivery.body, partner.signingSecret, delivery.nowSeconds);
    requireSignature(check);
    return check.replayKey!;
  },

  sample: (stamp) => ({
    "Full Name": "Test Lead",
    "E-mail": `test.lead+${stamp}@example.com`,
    Mobile: "+91 98765 43210",
    Organisation: "Sample Traders Pvt Ltd",
    City: "Pune",
    utm_source: "test",
  }),

  vendorId(payload) {
    try {
      return vendorIdOf(flatten(payload));
    } catch {
      return null;
    }
  },

  adapt({ payload, partner }: AdapterInput): Adapted {
    const flat = flatten(payload);
    const lead = new LeadBuilder();
    const mapping = partner.settings.field_mapping;
    const rest: [string, unknown][] = [];

    // The partner's own mapping is explicit, so it claims its fields before any guess does.
    for (const [key, value] of Object.entries(flat)) {
      const target = mappingFor(mapping, key);
      if (!target) rest.push([key, value]);
      else if ("field" in target) lead.assign(target.field, value, key);
      else lead.addCustom(target.custom, value);
    }
    for (const [key, value] of rest) {
      if (normKey(key) === "customfields" && isObject(value)) {
        for (const [ck, cv] of Object.entries(value)) lead.addCustom(ck, cv);
        continue;
      }
      const field = fieldForKey(key);
      if (field) lead.assign(field, value, key);
      else lead.addUnmapped(key, value);
    }
    lead.fallback("source", partner.settings.default_source);

    const built = lead.build();
    return { lead: built, vendorId: built.external_id ?? vendorIdOf(flat), isTest: false, unmapped: lead.unmapped };
  },
});
