import type { FormSource } from "./source-lookup.ts";
import { DEFAULT_FORM_FIELDS } from "../rest/forms.resource.ts";
import { escapeHtml as escape } from "../../core/text/html-text.ts";

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;background:#f4f6fb;color:#1c2333}
main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.5rem;margin:0 0 1rem}form{background:#fff;border-radius:12px;padding:1.25rem;box-shadow:0 1px 3px #0002}
label{display:block;font-weight:600;margin:.9rem 0 .3rem}input,select,textarea{width:100%;padding:.7rem;font:inherit;border:1px solid #b8c0d0;border-radius:8px}
input:focus,select:focus,textarea:focus{outline:3px solid #3b6ef566;border-color:#3b6ef5}.consent{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}
.consent input{width:auto;margin-top:.3rem}button{margin-top:1.2rem;width:100%;padding:.8rem;font:inherit;font-weight:700;color:#fff;background:#2f5bd3;border:0;border-radius:8px;cursor:pointer}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}.req{color:#b3261e}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function input(f: FormSource["fields"][number]): string {
  const id = `f-${escape(f.name)}`;
  const req = f.required ? ' required aria-required="true"' : "";
  const label = `<label for="${id}">${escape(f.label ?? f.name)}${f.required ? ' <span class="req" aria-hidden="true">*</span>' : ""}</label>`;
  if (f.type === "hidden") return `<input type="hidden" name="${escape(f.name)}">`;
  if (f.type === "textarea") return `${label}<textarea id="${id}" name="${escape(f.name)}" rows="4"${req}></textarea>`;
  if (f.type === "select") {
    const opts = (f.options ?? []).map((o) => `<option>${escape(o)}</option>`).join("");
    return `${label}<select id="${id}" name="${escape(f.name)}"${req}><option value="">Choose…</option>${opts}</select>`;
  }
  if (f.type === "checkbox")
    return `<label class="consent"><input type="checkbox" name="${escape(f.name)}" value="yes"${req}> ${escape(f.label ?? f.name)}</label>`;
  const auto =
    { email: "email", tel: "tel", name: "name", company: "organization" }[f.type === "text" || !f.type ? f.name : f.type] ?? "on";
  return `${label}<input id="${id}" name="${escape(f.name)}" type="${escape(f.type ?? "text")}" autocomplete="${auto}"${req}>`;
}

/** The hosted form: plain HTML that works without JavaScript, labelled for screen readers, phone-sized. */
export function hostedFormPage(form: FormSource): string {
  const fields = (form.fields.length ? form.fields : DEFAULT_FORM_FIELDS) as FormSource["fields"];
  const honeypot = form.honeypotField
    ? `<div class="hp" aria-hidden="true"><label for="hp">Leave this empty</label><input id="hp" name="${escape(form.honeypotField)}" tabindex="-1" autocomplete="off"></div>`
    : "";
  const consent = form.consentText
    ? `<label class="consent"><input type="checkbox" name="gdpr_consent" value="yes" required> ${escape(form.consentText)}</label>`
    : "";
  return page(
    form.name,
    `<h1>${escape(form.name)}</h1><form method="post" action="/ingest/forms/${escape(form.key)}">${fields.map(input).join("")}${consent}${honeypot}
<input type="hidden" name="page_url" id="page_url"><button type="submit">Send</button></form>
<script>document.getElementById("page_url").value=location.href</script>`,
  );
}

export function thankYouPage(form: FormSource): string {
  return page(
    form.name,
    `<h1>Thank you</h1><p role="status">${escape(form.thankYouMessage ?? "We have received your details and will be in touch shortly.")}</p>`,
  );
}

/** One field of the embed snippet, of the same kind as on the hosted form: long text a textarea, a choice a select. */
function embedField(f: FormSource["fields"][number]): string {
  const name = escape(f.name);
  const label = escape(f.label ?? f.name);
  const req = f.required ? " required" : "";
  if (f.type === "hidden") return `  <input type="hidden" name="${name}">`;
  if (f.type === "textarea") return `  <label>${label} <textarea name="${name}" rows="4"${req}></textarea></label>`;
  if (f.type === "select") {
    const opts = (f.options ?? []).map((o) => `<option>${escape(o)}</option>`).join("");
    return `  <label>${label} <select name="${name}"${req}><option value="">Choose…</option>${opts}</select></label>`;
  }
  if (f.type === "checkbox") return `  <label><input type="checkbox" name="${name}" value="yes"${req}> ${label}</label>`;
  return `  <label>${label} <input name="${name}" type="${escape(f.type ?? "text")}"${req}></label>`;
}

/** Copy-paste embed: an HTML form plus a small script that posts with fetch and shows the thank-you message. */
export function embedSnippet(form: FormSource, publicUrl: string): string {
  const action = `${publicUrl.replace(/\/$/, "")}/ingest/forms/${form.key}`;
  const fields = (form.fields.length ? form.fields : DEFAULT_FORM_FIELDS) as FormSource["fields"];
  const inputs = fields.map(embedField).join("\n");
  const hp = form.honeypotField
    ? `\n  <input name="${escape(form.honeypotField)}" tabindex="-1" autocomplete="off" style="position:absolute;left:-10000px" aria-hidden="true">`
    : "";
  return `<form id="leadhub-${form.key}" method="post" action="${action}">
${inputs}${hp}
  <button type="submit">Send</button>
</form>
<script>
document.getElementById("leadhub-${form.key}").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = e.target, data = new URLSearchParams(new FormData(f));
  data.set("page_url", location.href);
  const res = await fetch(f.action, { method: "POST", body: data, headers: { Accept: "application/json" } });
  const out = await res.json().catch(() => ({}));
  const p = document.createElement("p");
  p.setAttribute("role", res.ok ? "status" : "alert");
  p.textContent = res.ok ? out.message || "Thank you!" : (out.error && out.error.message) || "Please try again.";
  if (res.ok) f.replaceWith(p); else f.append(p);
});
</script>`;
}
