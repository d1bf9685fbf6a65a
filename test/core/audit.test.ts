import { afterAll, expect, it } from "vitest";
import { inject } from "vitest";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "../../core/db.ts";
import { ALL_TENANTS } from "../../core/tenant-scope.ts";
import { createTenantWithAdmin } from "../../core/tenancy.ts";
import { up as scrubAuditSecrets } from "../../migrations/20261122000021_audit_scrub_secrets.ts";

const owner = createDb(inject("databaseUrl"), { scope: ALL_TENANTS });
afterAll(() => owner.destroy());

it("when audit rows from before redaction hold a password, then the scrub migration redacts it in place and keeps the rest", async () => {
  const { tenant, admin: user } = await createTenantWithAdmin(owner, {
    name: `Scrub ${randomUUID()}`,
    adminEmail: `scrub-${randomUUID()}@test.leadhub.local`,
    adminPassword: "scrub-pass-1",
  });
  const recordId = randomUUID();
  const typed = `typed-${randomUUID()}`;
  const [row] = await owner("audit_log")
    .insert({
      tenant_id: tenant.id,
      user_id: user.id,
      action: "create",
      record_type: "users",
      record_id: recordId,
      changes: JSON.stringify({
        email: "asha@example.in",
        password: typed,
        settings: { google_key: typed, secrets_configured: ["google_key"] },
        cleared: { api_key: null },
      }),
    })
    .returning("id");
  await owner.transaction((trx) => scrubAuditSecrets(trx));
  const after = await owner("audit_log").where("id", row.id).first("changes");
  expect(JSON.stringify(after.changes)).not.toContain(typed);
  expect(after.changes).toEqual({
    email: "asha@example.in",
    password: "[redacted]",
    settings: { google_key: "[redacted]", secrets_configured: ["google_key"] },
    cleared: { api_key: null },
  });
  // Append-only again afterwards.
  await expect(owner("audit_log").where("id", row.id).update({ action: "x" })).rejects.toThrow(/append-only/);
});

it("when the code is searched, then only core/audit.ts writes the audit log (so every row passes the secrets rule)", () => {
  const roots = ["api", "core", "jobs", "worker"].map((d) => fileURLToPath(new URL(`../../${d}`, import.meta.url)));
  const writers = roots
    .flatMap((root) =>
      readdirSync(root, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".ts"))
        .map((f) => join(root, f)),
    )
    .filter((file) => /["'`]audit_log["'`]\)?\s*\.insert|INSERT\s+INTO\s+audit_log/i.test(readFileSync(file, "utf8")));
  expect(writers.map((f) => f.slice(f.lastIndexOf("/", f.lastIndexOf("/") - 1) + 1))).toEqual(["core/audit.ts"]);
});
