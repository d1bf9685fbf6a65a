import { safeEqual } from "../crypto.ts";
import { AdapterError, captureVendor, type Adapted, type AdapterInput } from "./types.ts";
import { fieldForKey, fieldForLabel, mappingFor, type LeadField } from "../lead/field-names.ts";
import { LeadBuilder, cleanText, clip, isObject } from "./lead-builder.ts";
import { hmacSha256, requirePartnerKey, requireSignature, signatureFailure, type SignatureCheck } from "./signatures.ts";

type Json = Record<string, unknown>;

interface FieldInfo {
  id: string;
  ref: string | null;
  title: string | null;
  type: string | null;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

/** Typeform's default refs are UUIDs: useless as a custom field name, so the question title is used. */
const GENERATED_REF = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function formResponse(payload: unknown): Json {
  if (!isObject(payload) || !isObject(payload.form_response)) {
    throw new AdapterError("typeform_shape", "not a Typeform webhook: form_response is missing");
  }
  return payload.form_response;
}

/** Every question of the definition by id, including those inside question groups. */
function definitionFields(definition: unknown): Map<string, FieldInfo> {
  const out = new Map<string, FieldInfo>();
  const walk = (fields: unknown) => {
    if (!Array.isArray(fields)) return;
    for (const f of fields) {
      if (!isObject(f)) continue;
      const id = str(f.id);
      if (id) out.set(id, { id, ref: str(f.ref), title: cleanText(f.title), type: str(f.type) });
      if (isObject(f.properties)) walk(f.properties.fields);
    }
  };
  if (isObject(definition)) walk(definition.fields);
  return out;
}

/** An answer's value, by its `type` (text, email, phone_number, number, boolean, choice, choices, date, url, file_url, payment). */
function answerValue(answer: Json): unknown {
  const type = str(answer.type);
  const v = type ? answer[type] : undefined;
  if (type === "choice" && isObject(v)) return str(v.label) ?? str(v.other);
  if (type === "choices" && isObject(v)) {
    const labels = Array.isArray(v.labels) ? v.labels.filter((l) => typeof l === "string") : [];
    return str(v.other) ? [...labels, v.other] : labels;
  }
  return v;
}

/** The answer's field: a question of type `legal` is a consent checkbox. */
function fieldByType(answerType: string | null, questionType: string | null): LeadField | null {
  if (answerType === "email") return "email";
  if (answerType === "phone_number") return "phone";
  if (questionType === "legal") return "gdpr_consent";
  if (questionType === "website") return "website";
  return null;
}

/** `Typeform-Signature: sha256=<base64 HMAC-SHA256 of the raw body>` with the partner's typeform_secret. */
export function verifyTypeformSignature(header: string | undefined, body: Buffer, secret: string): SignatureCheck {
  if (!header) return signatureFailure("signature_missing", "Typeform-Signature is required");
  const expected = `sha256=${hmacSha256(secret, body, "base64")}`;
  return safeEqual(header.trim(), expected) ? { ok: true } : signatureFailure("signature_invalid", "Typeform-Signature does not match");
}

/** A response's token (its id); a partial response and the full one later share a token, and both must be kept. */
function responseId(payload: unknown): string | null {
  if (!isObject(payload) || !isObject(payload.form_response)) return null;
  const token = str(payload.form_response.token);
  return token && payload.event_type === "form_response_partial" ? `${token}:partial` : token;
}

/**
 * Typeform webhook: `{event_id, event_type, form_response: {form_id, token, submitted_at, hidden,
 * definition: {title, fields}, answers: [{type, <type>: value, field: {id, type, ref}}], variables,
 * calculated}}`. An answer maps by the partner's `field_mapping` (by ref or title), then by its
 * ref, then by answer type (email, phone_number), then by the question's wording.
 */
export const typeformAdapter = captureVendor({
  format: "typeform",
  title: "Typeform",
  authHelp: ["With typeform_secret set: Typeform-Signature (HMAC-SHA256 of the body)", "Without it: the partner key (Bearer or ?key=)"],
  bodyKinds: ["json"],
  secrets: [{ key: "typeform_secret", label: "Typeform secret", help: "Typeform webhook secret; signed deliveries need no partner key" }],

  authenticate(delivery, partner) {
    const secret = partner.secrets.typeform_secret;
    if (!secret) return requirePartnerKey(delivery);
    requireSignature(verifyTypeformSignature(delivery.header("typeform-signature"), delivery.body, secret));
    return null;
  },

  sample: (stamp) => ({
    event_id: `test-${stamp}`,
    event_type: "form_response",
    form_response: {
      form_id: "test",
      token: `test-${stamp}`,
      submitted_at: new Date(stamp).toISOString(),
      definition: {
        id: "test",
        title: "Test form",
        fields: [
          { id: "n", ref: "name", type: "short_text", title: "Your name" },
          { id: "e", ref: "email", type: "email", title: "Email" },
        ],
      },
      answers: [
        { type: "text", text: "Test Lead", field: { id: "n", type: "short_text", ref: "name" } },
        { type: "email", email: `test.lead+${stamp}@example.com`, field: { id: "e", type: "email", ref: "email" } },
      ],
    },
  }),

  vendorId: responseId,

  adapt({ payload, partner }: AdapterInput): Adapted {
    const fr = formResponse(payload);
    const lead = new LeadBuilder();
    const mapping = partner.settings.field_mapping;
    const questions = definitionFields(fr.definition);
    const definition = isObject(fr.definition) ? fr.definition : {};

    lead.force("source", "typeform");
    lead.assign("external_id", str(fr.token));
    lead.assign("subsource", definition.title);

    for (const answer of Array.isArray(fr.answers) ? fr.answers : []) {
      if (!isObject(answer)) continue;
      const ref = isObject(answer.field) ? str(answer.field.ref) : null;
      const id = isObject(answer.field) ? str(answer.field.id) : null;
      const q = (id && questions.get(id)) || null;
      const title = q?.title ?? null;
      const questionType = (isObject(answer.field) ? str(answer.field.type) : null) ?? q?.type ?? null;
      const value = answerValue(answer);
      const key = clip((ref && !GENERATED_REF.test(ref) ? ref : null) ?? title ?? ref ?? id ?? "answer", 100);

      const mapped = (ref && mappingFor(mapping, ref)) || (title && mappingFor(mapping, title)) || null;
      if (mapped) {
        if ("field" in mapped) lead.assign(mapped.field, value, key);
        else lead.addCustom(mapped.custom, value);
        continue;
      }
      const field =
        (ref && !GENERATED_REF.test(ref) ? fieldForKey(ref) : null) ??
        fieldByType(str(answer.type), questionType) ??
        (title ? fieldForLabel(title) : null);
      if (field) lead.assign(field, value, key);
      else lead.addUnmapped(key, value);
    }

    // Hidden fields carry what the form's URL carried: utm_*, source, campaign ids…
    if (isObject(fr.hidden)) {
      for (const [k, v] of Object.entries(fr.hidden)) {
        const mapped = mappingFor(mapping, k);
        if (mapped) {
          if ("field" in mapped) lead.assign(mapped.field, v, k);
          else lead.addCustom(mapped.custom, v);
          continue;
        }
        const field = fieldForKey(k);
        if (field) lead.assign(field, v, k);
        else lead.addUnmapped(k, v);
      }
    }

    if (isObject(fr.metadata)) lead.assign("referrer", fr.metadata.referer, "referer");
    lead.addCustom("typeform_form_id", fr.form_id ?? definition.id);
    lead.addCustom("typeform_submitted_at", fr.submitted_at);
    if (isObject(fr.calculated)) lead.addCustom("typeform_score", fr.calculated.score);
    if (Array.isArray(fr.variables)) {
      const vars: Json = {};
      for (const v of fr.variables) if (isObject(v) && str(v.key) && str(v.type)) vars[v.key as string] = v[v.type as string];
      lead.addCustom("typeform_variables", vars);
    }
    if (isObject(payload) && payload.event_type === "form_response_partial") lead.addCustom("typeform_partial", true);

    return { lead: lead.build(), vendorId: responseId(payload), isTest: false, unmapped: lead.unmapped };
  },
});
