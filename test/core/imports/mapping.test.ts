import { describe, expect, it } from "vitest";
import { parseMappingTarget } from "../../../core/lead/field-names.ts";
import { neutralizeCell, proposeMapping, restoreCell } from "../../../core/imports/mapping.ts";
import { sniffCsv } from "../../../core/imports/sniff.ts";
import { fixture } from "./helpers.ts";

const proposeFor = (name: string) => {
  const s = sniffCsv(fixture(name));
  return proposeMapping(s.headers, s.preview);
};

describe("proposing a mapping for CRM exports", () => {
  it("when a HubSpot contacts export is mapped, then contact fields are set and CRM state is kept as custom fields", () => {
    expect(proposeFor("hubspot-contacts.csv")).toEqual({
      "Record ID": "external_id",
      "First Name": "first_name",
      "Last Name": "last_name",
      Email: "email",
      "Phone Number": "phone",
      "Mobile Phone Number": "alt_phone",
      "Company Name": "company",
      "Job Title": "job_title",
      City: "city",
      "State/Region": "state",
      "Country/Region": "country",
      "Postal Code": "postal_code",
      "Street Address": "address",
      "Website URL": "website",
      "Lifecycle Stage": "custom_fields.lifecycle_stage",
      "Lead Status": "custom_fields.lead_status",
      "Contact owner": "custom_fields.contact_owner",
      "Original Source": "source",
      "Create Date": "custom_fields.create_date",
      "Marketing contact status": "custom_fields.marketing_contact_status",
    });
  });

  it("when a Salesforce leads export is mapped, then both opt-out columns feed dnd and owner, rating and revenue stay custom", () => {
    const m = proposeFor("salesforce-leads.csv");
    expect(m).toMatchObject({
      "Lead ID": "external_id",
      Salutation: "custom_fields.salutation",
      Title: "job_title",
      "Company / Account": "company",
      Phone: "phone",
      Mobile: "alt_phone",
      "Lead Source": "source",
      "Lead Status": "custom_fields.lead_status",
      Street: "address",
      "State/Province": "state",
      "Zip/Postal Code": "postal_code",
      Industry: "industry",
      "Annual Revenue": "custom_fields.annual_revenue",
      "No. of Employees": "custom_fields.no_of_employees",
      Rating: "custom_fields.rating",
      "Lead Owner": "custom_fields.lead_owner",
      "Created Date": "custom_fields.created_date",
      "Email Opt Out": "dnd",
      "Do Not Call": "dnd",
    });
  });

  it("when a Zoho leads export has first, last and full name, then the full name is skipped and the second email kept aside", () => {
    expect(proposeFor("zoho-leads.csv")).toMatchObject({
      "Record Id": "external_id",
      "Lead Id": "custom_fields.lead_id",
      "First Name": "first_name",
      "Last Name": "last_name",
      "Full Name": "skip",
      Email: "email",
      "Secondary Email": "custom_fields.secondary_email",
      Phone: "phone",
      Mobile: "alt_phone",
      Designation: "job_title",
      Description: "message",
      "Email Opt Out": "dnd",
      "Created Time": "custom_fields.created_time",
      "Skype ID": "custom_fields.skype_id",
    });
  });

  it("when an IndiaMART export is mapped, then the sender is the lead and the receiver's own number is not", () => {
    expect(proposeFor("indiamart-leads.csv")).toEqual({
      UNIQUE_QUERY_ID: "external_id",
      QUERY_TYPE: "custom_fields.query_type",
      QUERY_TIME: "custom_fields.query_time",
      SENDER_NAME: "name",
      SENDER_MOBILE: "phone",
      SENDER_EMAIL: "email",
      SENDER_COMPANY: "company",
      SENDER_ADDRESS: "address",
      SENDER_CITY: "city",
      SENDER_STATE: "state",
      SENDER_PINCODE: "postal_code",
      SENDER_COUNTRY_ISO: "country",
      SENDER_MOBILE_ALT: "alt_phone",
      SENDER_PHONE: "custom_fields.sender_phone",
      SENDER_EMAIL_ALT: "custom_fields.secondary_email",
      QUERY_PRODUCT_NAME: "product_interest",
      QUERY_MESSAGE: "message",
      QUERY_MCAT_NAME: "custom_fields.query_mcat_name",
      CALL_DURATION: "custom_fields.call_duration",
      RECEIVER_MOBILE: "custom_fields.receiver_mobile",
    });
  });

  it("when a French Excel sheet is mapped, then Nom, Prénom, Société, Ville and Pays find their fields", () => {
    expect(proposeFor("excel-european-1252.csv")).toMatchObject({
      Nom: "last_name",
      Prénom: "first_name",
      "E-mail": "email",
      Téléphone: "phone",
      Société: "company",
      Ville: "city",
      Pays: "country",
      Remarques: "message",
    });
  });

  it.each([
    "hubspot-contacts.csv",
    "salesforce-leads.csv",
    "zoho-leads.csv",
    "indiamart-leads.csv",
    "excel-european-1252.csv",
    "ragged.csv",
    "utf8-bom.csv",
  ])("when %s is mapped, then every target is a lead field, a custom field or skip, and no field but dnd is taken twice", (name) => {
    const targets = Object.values(proposeFor(name));
    for (const t of targets) expect(t === "skip" || parseMappingTarget(t) !== null, t).toBe(true);
    const fields = targets.filter((t) => t !== "skip" && t !== "dnd");
    expect(new Set(fields).size).toBe(fields.length);
  });
});

describe("proposing a mapping for hand-typed sheets", () => {
  it("when headers are typed by hand, then the usual spellings find their fields", () => {
    const headers = [
      "S.No",
      "Cust. Name",
      "E-mail Address",
      "Mobile No.",
      "Organisation",
      "Name of the Company",
      "Contact No",
      "WhatsApp No",
      "Alternate No.",
      "Landline",
      "Pin Code",
      "Remarks",
      "Email ID",
      "Designation",
    ];
    expect(proposeMapping(headers, [])).toEqual({
      "S.No": "skip",
      "Cust. Name": "name",
      "E-mail Address": "email",
      "Mobile No.": "phone",
      Organisation: "company",
      "Name of the Company": "custom_fields.name_of_the_company",
      "Contact No": "custom_fields.contact_no",
      "WhatsApp No": "custom_fields.whatsapp_no",
      "Alternate No.": "alt_phone",
      Landline: "custom_fields.landline",
      "Pin Code": "postal_code",
      Remarks: "message",
      "Email ID": "custom_fields.secondary_email",
      Designation: "job_title",
    });
  });

  it("when there are three phone columns, then the first is phone, the second alt_phone and the third a custom field", () => {
    expect(proposeMapping(["Phone 1", "Phone 2", "Mob"], [])).toEqual({
      "Phone 1": "phone",
      "Phone 2": "alt_phone",
      Mob: "custom_fields.mob",
    });
    expect(proposeMapping(["Mobile", "Phone", "Contact No"], [])).toEqual({
      Mobile: "phone",
      Phone: "alt_phone",
      "Contact No": "custom_fields.contact_no",
    });
  });

  it("when only a full name column names the person, then it maps to name", () => {
    expect(proposeMapping(["Full Name", "Email"], [])).toEqual({ "Full Name": "name", Email: "email" });
    expect(proposeMapping(["Name", "First Name", "Email"], [])).toMatchObject({ Name: "name", "First Name": "first_name" });
  });

  it("when a header names a field inside CRM state, then the state wins: owner emails, opt-out flags, phone types", () => {
    expect(proposeMapping(["Email", "Lead Owner Email", "Email Opt Out", "Phone", "Phone Type", "Email consent"], [])).toEqual({
      Email: "email",
      "Lead Owner Email": "custom_fields.lead_owner_email",
      "Email Opt Out": "dnd",
      Phone: "phone",
      "Phone Type": "custom_fields.phone_type",
      "Email consent": "custom_fields.email_consent",
    });
  });

  it("when a Title column holds salutations, then it is kept as a custom field, else it is the job title", () => {
    expect(proposeMapping(["Title", "Name"], [["Mr."], ["Mrs"], ["Dr."]])).toMatchObject({ Title: "custom_fields.title" });
    expect(proposeMapping(["Title", "Name"], [["CEO"], ["Head of Sales"], ["Mr."]])).toMatchObject({ Title: "job_title" });
  });

  it("when two headers make the same custom key, then the second is numbered", () => {
    expect(proposeMapping(["Foo Bar", "foo-bar", "constructor"], [])).toEqual({
      "Foo Bar": "custom_fields.foo_bar",
      "foo-bar": "custom_fields.foo_bar_2",
      constructor: "custom_fields.constructor",
    });
  });
});

describe("proposing a mapping from the preview", () => {
  it("when an unnamed column holds emails and another phone numbers, then they map to email and phone", () => {
    const preview = [
      ["Asha Rao", "asha@example.in", "+91 98765 00001"],
      ["Bala K", "bala@example.in", "98765-00002"],
    ];
    expect(proposeMapping(["Column 1", "Column 2", "Column 3"], preview)).toEqual({
      "Column 1": "custom_fields.column_1",
      "Column 2": "email",
      "Column 3": "phone",
    });
  });

  it("when a clear header's values look like something else, then the header still decides", () => {
    const preview = [["asha@example.in", "9876500001", "x"]];
    expect(proposeMapping(["Phone", "Email", "Details"], preview)).toEqual({ Phone: "phone", Email: "email", Details: "message" });
  });

  it("when an unnamed email column comes after the email column, then it is the secondary email", () => {
    expect(proposeMapping(["Email", "Contact"], [["a@example.in", "b@example.in"]])).toEqual({
      Email: "email",
      Contact: "custom_fields.secondary_email",
    });
  });
});

describe("neutralizing cells for CSV exports", () => {
  it.each(["=1+1", "Pune;=cmd|' /C calc'!A0", " =1+1", "＝1", "'=already quoted", "''=twice", "a;'=b", "'\tx", "\t=x", "plain", "'plain"])(
    "when %j is neutralised and read back, then it is as it was",
    (v) => {
      expect(restoreCell(neutralizeCell(v))).toBe(v);
    },
  );

  it.each([
    ["Pune;=cmd|' /C calc'!A0", "Pune;'=cmd|' /C calc'!A0"],
    ["Pune,=1+1", "Pune,'=1+1"],
    ["Pune|@SUM(A1)", "Pune|'@SUM(A1)"],
    ["Pune\n+cmd", "Pune\n'+cmd"],
    ["Pune; -2+3", "Pune; '-2+3"],
    [" =1+1", " '=1+1"],
    ['＝HYPERLINK("x")', '\'＝HYPERLINK("x")'],
    ["Pune;＠SUM(A1)", "Pune;'＠SUM(A1)"],
    ["﹦1+1", "'﹦1+1"],
    ["=1;=2", "'=1;'=2"],
  ])("when a formula hides after a separator, spaces or in fullwidth (%j), then a quote goes before it", (v, out) => {
    expect(neutralizeCell(v)).toBe(out);
  });

  it.each(['=HYPERLINK("http://evil.example","x")', "+91 98765 43210", "-2+3", "@SUM(A1:A9)", "\tcmd", "\rcmd"])(
    "when a cell starts like a formula (%j), then it gets a leading quote",
    (v) => {
      expect(neutralizeCell(v)).toBe(`'${v}`);
    },
  );

  it.each(["Asha Rao", "<script>alert('x')</script>", "", "a=b", "9876543210", "Pune; Maharashtra", "2-3 BHK", "x@y.in"])(
    "when a cell is %j, then it is unchanged",
    (v) => {
      expect(neutralizeCell(v)).toBe(v);
    },
  );
});
