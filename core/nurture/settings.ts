import { z } from "zod";
import { quietHoursSchema } from "./sequence.ts";

/** A tenant's nurture settings (tenants.settings.nurture); every one optional, defaults below. */
export const nurtureSettingsSchema = z
  .object({
    /** No mail in this window of the lead's local time; off unless set. */
    quiet_hours: quietHoursSchema.nullable().default(null),
    /** Sends per minute for the whole tenant, spread evenly; null = as fast as the workers go. */
    send_rate_per_minute: z.coerce.number().int().min(1).max(100_000).nullable().default(null),
    /** Mail only leads that gave consent (gdpr_consent or opt_in_at), for tenants under GDPR-like rules. */
    require_consent: z.boolean().default(false),
    track_opens: z.boolean().default(true),
    track_clicks: z.boolean().default(true),
    from_name: z.string().trim().max(200).nullable().default(null),
    from_email: z.email().nullable().default(null),
    /** The footer every mail carries (postal address, why they get it) above the unsubscribe link. */
    footer: z.string().max(2000).nullable().default(null),
  })
  .strict();
export type NurtureSettings = z.infer<typeof nurtureSettingsSchema>;

export function nurtureSettingsFrom(stored: unknown): NurtureSettings {
  const parsed = nurtureSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : nurtureSettingsSchema.parse({});
}
