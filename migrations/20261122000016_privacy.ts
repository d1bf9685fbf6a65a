import type { Knex } from "knex";

/**
 * GDPR: consent records kept append-only, and erasure (the lead stays as an anonymised row for the
 * reports, its email and phone live on only as hashes in suppressions, so the objection holds).
 */
export async function up(knex: Knex): Promise<void> {
  // One row per consent given (or withdrawn): what for, the wording shown, where, when and from which address.
  await knex.schema.createTable("consents", (t) => {
    t.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    t.uuid("tenant_id").notNullable().references("tenants.id");
    t.uuid("lead_id").references("leads.id");
    t.text("purpose").notNullable();
    t.boolean("granted").notNullable().defaultTo(true);
    // The wording as shown (a form's consent text, a vendor's consent record) and a short hash of it:
    // the same version means the same words.
    t.text("text_version");
    t.text("text");
    // form, api, webhook, email, csv, console; with the form or partner it came through.
    t.text("source").notNullable();
    t.uuid("form_id").references("forms.id");
    t.uuid("partner_id").references("partners.id");
    t.uuid("inbound_event_id").references("inbound_events.id");
    t.text("ip");
    t.timestamp("occurred_at", { useTz: true }).notNullable();
    // Erasure blanks the IP (the one change the trigger below lets through) and says when.
    t.timestamp("erased_at", { useTz: true });
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(["tenant_id", "lead_id", "occurred_at"]);
  });
  // Append-only in the database itself, whoever writes: no UPDATE or DELETE, no TRUNCATE. An erasure
  // may only blank the IP (GDPR art. 17), keeping the rest as proof of what was agreed.
  await knex.raw(`CREATE FUNCTION consents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL AND NEW.ip IS NULL
           AND to_jsonb(NEW) - 'ip' - 'erased_at' - 'updated_at' = to_jsonb(OLD) - 'ip' - 'erased_at' - 'updated_at' THEN
          RETURN NEW;
        END IF;
      END IF;
      RAISE EXCEPTION 'consents are append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await knex.raw(
    "CREATE TRIGGER consents_no_update_delete BEFORE UPDATE OR DELETE ON consents FOR EACH ROW EXECUTE FUNCTION consents_append_only()",
  );
  await knex.raw(
    "CREATE TRIGGER consents_no_truncate BEFORE TRUNCATE ON consents FOR EACH STATEMENT EXECUTE FUNCTION consents_append_only()",
  );

  await knex.schema.alterTable("leads", (t) => {
    // Set by erasure: the row stays (reports count it), its personal data is gone.
    t.timestamp("erased_at", { useTz: true });
  });

  // An erased person's address and phone are kept as `sha256:<hex>` (of tenant id, ':' and the value),
  // reason 'erased': found again by hashing, never read back.
  await knex.raw("ALTER TABLE suppressions DROP CONSTRAINT suppressions_reason_check");
  await knex.raw(
    "ALTER TABLE suppressions ADD CONSTRAINT suppressions_reason_check CHECK (reason IN ('unsubscribed', 'bounced', 'complained', 'manual', 'erased'))",
  );
  await knex.schema.alterTable("suppressions", (t) => {
    t.text("kind").notNullable().defaultTo("email").checkIn(["email", "phone"]);
  });
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
