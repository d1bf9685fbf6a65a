import { describe, expect, it } from "vitest";
import { embedSnippet, hostedFormPage } from "../../api/ingest/hosted-form.ts";
import type { FormSource } from "../../api/ingest/source-lookup.ts";

const form: FormSource = {
  id: "00000000-0000-4000-8000-000000000001",
  tenantId: "00000000-0000-4000-8000-000000000002",
  name: "Site visit",
  key: "f_test123",
  region: "IN",
  fields: [
    { name: "full_name", label: "Your name", type: "text", required: true },
    { name: "message", label: "How can we help?", type: "textarea" },
    { name: "budget", label: "Budget", type: "select", options: ["< ₹50L", "₹50L – 1Cr"] },
    { name: "whatsapp_ok", label: "WhatsApp me", type: "checkbox" },
    { name: "utm_source", type: "hidden" },
  ],
  allowedOrigins: [],
  redirectUrl: null,
  thankYouMessage: null,
  consentText: null,
  source: null,
  subsource: null,
  campaign: null,
  honeypotField: null,
};

describe("embedSnippet", () => {
  it("when a form has a long-text field, then the snippet renders it as a textarea, as the hosted form does", () => {
    const snippet = embedSnippet(form, "https://leads.example.in/");
    expect(snippet).toContain('<label>How can we help? <textarea name="message" rows="4"></textarea></label>');
    expect(snippet).not.toContain('name="message" type="text"');
    expect(hostedFormPage(form)).toContain('<textarea id="f-message" name="message" rows="4"></textarea>');
  });

  it("when a form has choice, checkbox and hidden fields, then each keeps its kind in the snippet", () => {
    const snippet = embedSnippet(form, "https://leads.example.in");
    expect(snippet).toContain('<input name="full_name" type="text" required>');
    expect(snippet).toContain(
      '<select name="budget"><option value="">Choose…</option><option>&lt; ₹50L</option><option>₹50L – 1Cr</option></select>',
    );
    expect(snippet).toContain('<label><input type="checkbox" name="whatsapp_ok" value="yes"> WhatsApp me</label>');
    expect(snippet).toContain('<input type="hidden" name="utm_source">');
    expect(snippet).toContain('action="https://leads.example.in/ingest/forms/f_test123"');
  });
});
