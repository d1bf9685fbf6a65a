import type { Knex } from "knex";
import { visibleRows, type Viewer } from "../access.ts";
import { notFound } from "../errors.ts";
import { checkSteps } from "./sequence.ts";
import { renderEmail, templateVars } from "./templates.ts";

export interface DraftEmail {
  subject?: string | null;
  body_text?: string | null;
  body_html?: string | null;
}

/** A draft email rendered for one lead the viewer may see, as it would be sent (the unsubscribe link a placeholder). */
export async function previewEmail(db: Knex, viewer: Viewer, d: DraftEmail, leadId: string, publicUrl: string) {
  checkSteps([{ type: "email", subject: d.subject || " ", body_text: d.body_text, body_html: d.body_html ?? (d.body_text ? null : " ") }]);
  const lead = await visibleRows(db, "leads", [leadId], viewer).first();
  if (!lead) throw notFound("lead");
  const [owner, tenant] = await Promise.all([
    lead.owner_id ? db("users").where("id", lead.owner_id).first("name", "email", "phone") : null,
    db("tenants").where("id", viewer.tenantId).first("name"),
  ]);
  return renderEmail(
    { subject: d.subject ?? "", body_text: d.body_text ?? null, body_html: d.body_html ?? null },
    templateVars(lead, owner, tenant, `${publicUrl}/u/preview`),
  );
}
