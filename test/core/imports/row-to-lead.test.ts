import { describe, expect, it } from "vitest";
import { canonicalLeadSchema } from "../../../core/lead/canonical.ts";
import { LEAD_FIELDS } from "../../../core/lead/field-names.ts";
import { neutralizeCell, proposeMapping } from "../../../core/imports/mapping.ts";
import { rowToLead } from "../../../core/imports/row-to-lead.ts";
import { sniffCsv } from "../../../core/imports/sniff.ts";
import { fixture, readAll } from "./helpers.ts";

const custom = { unmapped: "custom" } as const;

describe("turning rows into leads", () => {
  it.each([
    "hubspot-contacts.csv",
    "salesforce-leads.csv",
    "zoho-leads.csv",
    "indiamart-leads.csv",
    "excel-european-1252.csv",
    "excel-unicode-text.txt",
    "injection.csv",
  ])("when every row of %s goes through the proposed mapping, then the canonical schema accepts each lead", async (name) => {
    const data = fixture(name);
    const s = sniffCsv(data);
    const mapping = proposeMapping(s.headers, s.preview);
    for (const row of await readAll(data)) {
      const { lead } = rowToLead(s.headers, row.cells, mapping, { source: "csv import", tags: ["import"] }, custom);
      expect(canonicalLeadSchema.safeParse(lead).success, JSON.stringify(lead)).toBe(true);
    }
  });

  it("when a HubSpot row is mapped, then lead fields, custom fields and defaults land where they should", async () => {
    const data = fixture("hubspot-contacts.csv");
    const s = sniffCsv(data);
    const [first, , third] = await readAll(data);
    const mapping = proposeMapping(s.headers, s.preview);
    const { lead } = rowToLead(s.headers, first.cells, mapping, { source: "csv import", campaign: "Q2 list" }, custom);
    expect(lead).toMatchObject({
      external_id: "51234567801",
      first_name: "Priya",
      email: "priya.sharma@acmeindia.in",
      phone: "+91 22 4012 3456",
      alt_phone: "+91 98200 12345",
      address: "Unit 4, Peninsula Park\nLower Parel",
      source: "Organic Search",
      campaign: "Q2 list",
      custom_fields: { lifecycle_stage: "Lead", lead_status: "New", contact_owner: "Rahul Mehta", create_date: "2024-03-11 10:42" },
    });
    // Empty cells are absent, not empty strings.
    const sparse = rowToLead(s.headers, third.cells, mapping, {}, custom).lead;
    expect(sparse).not.toHaveProperty("email");
    expect(sparse).not.toHaveProperty("company");
  });

  it("when a cell is empty, blank or a placeholder, then the field is absent", () => {
    const { lead } = rowToLead(
      ["Name", "Email", "Phone", "City", "Notes"],
      ["  Asha  ", "N/A", "  ", "-", "#N/A"],
      { Name: "name", Email: "email", Phone: "phone", City: "city", Notes: "message" },
      {},
      custom,
    );
    expect(lead).toEqual({ name: "Asha" });
  });

  it("when defaults are given, then they fill only what the row lacks, and default tags add to the row's", () => {
    const headers = ["Name", "Source", "Tags"];
    const mapping = { Name: "name", Source: "source", Tags: "tags" };
    const defaults = { source: "csv import", subsource: "trade fair", campaign: "Expo 2024", tags: ["expo", "VIP"] };
    expect(rowToLead(headers, ["Asha", "Referral", "vip; hot,  warm"], mapping, defaults, custom).lead).toEqual({
      name: "Asha",
      source: "Referral",
      subsource: "trade fair",
      campaign: "Expo 2024",
      tags: ["vip", "hot", "warm", "expo"],
    });
    expect(rowToLead(headers, ["Bala", "", ""], mapping, defaults, custom).lead).toMatchObject({
      source: "csv import",
      tags: ["expo", "VIP"],
    });
  });

  it("when columns have no mapping entry, then they go to custom fields or are dropped, and are named as unmapped", () => {
    const headers = ["Name", "Favourite Colour", "Empty One"];
    const asCustom = rowToLead(headers, ["Asha", "Teal", ""], { Name: "name" }, {}, custom);
    expect(asCustom).toMatchObject({ lead: { name: "Asha", custom_fields: { favourite_colour: "Teal" } }, unmapped: ["Favourite Colour"] });
    const skipped = rowToLead(headers, ["Asha", "Teal", ""], { Name: "name" }, {}, { unmapped: "skip" });
    expect(skipped.lead).toEqual({ name: "Asha" });
    expect(skipped.unmapped).toEqual(["Favourite Colour"]);
  });

  it("when a column is mapped to skip, then its value is not kept anywhere", () => {
    const { lead, unmapped } = rowToLead(
      ["Full Name", "First Name"],
      ["Asha Rao", "Asha"],
      { "Full Name": "skip", "First Name": "first_name" },
      {},
      custom,
    );
    expect(lead).toEqual({ first_name: "Asha" });
    expect(unmapped).toEqual([]);
  });

  it("when a saved mapping differs from the headers in case and punctuation, then it still applies", () => {
    const { lead } = rowToLead(
      ["E-Mail", "PHONE NO"],
      ["asha@example.in", "9876500001"],
      { email: "email", "Phone No.": "phone" },
      {},
      custom,
    );
    expect(lead).toEqual({ email: "asha@example.in", phone: "9876500001" });
  });

  it("when two columns are mapped to phone, then the second fills alt_phone, and a third is kept as a custom field", () => {
    const { lead } = rowToLead(
      ["A", "B", "C"],
      ["9876500001", "9876500002", "9876500003"],
      { A: "phone", B: "phone", C: "phone" },
      {},
      custom,
    );
    expect(lead).toEqual({ phone: "9876500001", alt_phone: "9876500002", custom_fields: { c: "9876500003" } });
  });
});

describe("yes/no columns", () => {
  const headers = ["Email Opt Out", "Do Not Call", "Consent"];
  const mapping = { "Email Opt Out": "dnd", "Do Not Call": "dnd", Consent: "gdpr_consent" };

  it.each([
    [["0", "0", "yes"], { dnd: false, gdpr_consent: true }],
    [["false", "1", "Y"], { dnd: true, gdpr_consent: true }],
    [["Opted out", "", "opted out"], { dnd: true, gdpr_consent: false }],
    [["no", "n", "Opted in"], { dnd: false, gdpr_consent: true }],
    [["TRUE", "false", "0"], { dnd: true, gdpr_consent: false }],
  ])("when the cells are %j, then the lead says %j", (cells, expected) => {
    expect(rowToLead(headers, cells, mapping, {}, custom).lead).toEqual(expected);
  });

  it("when a yes/no cell says neither, then it is kept as a custom field with a note", () => {
    const { lead, notes } = rowToLead(headers, ["maybe", "", ""], mapping, {}, custom);
    expect(lead).toEqual({ custom_fields: { email_opt_out: "maybe" } });
    expect(notes).toEqual(['"Email Opt Out": "maybe" is neither yes nor no; kept as a custom field']);
  });
});

describe("fitting the canonical schema", () => {
  it("when every field gets a 20 000-character value, then values are cut with notes and the schema accepts the lead", () => {
    const headers = [...LEAD_FIELDS.filter((f) => f !== "dnd" && f !== "gdpr_consent"), "custom_fields.notes"];
    const mapping = Object.fromEntries(headers.map((h) => [h, h]));
    const long = "ab😀 ".repeat(5_000);
    const { lead, notes } = rowToLead(
      headers,
      headers.map(() => long),
      mapping,
      {},
      custom,
    );
    const parsed = canonicalLeadSchema.safeParse(lead);
    expect(parsed.success, parsed.error?.message).toBe(true);
    expect(lead.email).toHaveLength(320);
    expect(lead.phone).toHaveLength(40);
    expect(notes).toContain('"email" cut to 320 characters');
    expect(notes).toContain('"custom_fields.notes" cut to 10000 characters');
    expect(notes.find((n) => n.startsWith('"budget_currency"'))).toBe(
      `"budget_currency": "${long.slice(0, 50)}" is no currency code; kept as a custom field`,
    );
  });

  it("when a cut would split an emoji, then no lone surrogate is left", () => {
    const { lead } = rowToLead(["Phone"], ["1".repeat(39) + "😀"], { Phone: "phone" }, {}, custom);
    expect(lead.phone).toBe("1".repeat(39));
  });

  it("when there are more than 50 tags, then 50 are kept and the rest noted", () => {
    const tags = Array.from({ length: 60 }, (_, i) => `t${i}`).join(";");
    const { lead, notes } = rowToLead(["Tags"], [tags], { Tags: "tags" }, {}, custom);
    expect(lead.tags).toHaveLength(50);
    expect(notes).toEqual(['"Tags": 10 tags past the first 50 dropped']);
    expect(canonicalLeadSchema.safeParse(lead).success).toBe(true);
  });

  it("when a currency is written as a sign or a code, then it becomes the code", () => {
    expect(rowToLead(["Cur"], ["₹"], { Cur: "budget_currency" }, {}, custom).lead).toEqual({ budget_currency: "INR" });
    expect(rowToLead(["Cur"], ["usd"], { Cur: "budget_currency" }, {}, custom).lead).toEqual({ budget_currency: "USD" });
  });

  it("when a custom field name is longer than 100 characters, then the key is cut to 100", () => {
    const name = "k".repeat(150);
    const { lead } = rowToLead(["X"], ["v"], { X: `custom_fields.${name}` }, {}, custom);
    expect(Object.keys(lead.custom_fields ?? {})).toEqual(["k".repeat(100)]);
  });
});

describe("hostile cells", () => {
  it("when a name holds markup or a formula, then it is kept as text, unchanged (escaping is the renderer's job)", () => {
    const { lead } = rowToLead(
      ["Name", "Company"],
      ["<script>alert('x')</script>", '=HYPERLINK("http://evil.example","x")'],
      { Name: "name", Company: "company" },
      {},
      custom,
    );
    expect(lead).toEqual({ name: "<script>alert('x')</script>", company: '=HYPERLINK("http://evil.example","x")' });
  });

  it("when a cell was neutralized by an export, then importing it back gives the original value", () => {
    const original = "+91 98765 43210";
    const { lead } = rowToLead(
      ["Phone", "Name"],
      [neutralizeCell(original), "'Quoted on purpose"],
      { Phone: "phone", Name: "name" },
      {},
      custom,
    );
    expect(lead).toEqual({ phone: original, name: "'Quoted on purpose" });
  });
});
