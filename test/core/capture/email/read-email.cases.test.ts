import { readFileSync } from "node:fs";
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import { describe, expect, it } from "vitest";
import { canonicalLeadSchema } from "../../../../core/lead/canonical.ts";
import { readEmail } from "../../../../core/capture/email/read-email.ts";

const OUR_DOMAINS = ["ourco.com", "sunrisedevelopers.in"];

const compose = (mail: Mail.Options) =>
  new MailComposer({ date: new Date("2024-06-05T10:00:00Z"), messageId: "<composed-1@mail.example>", ...mail }).compile().build();

async function read(raw: Buffer | string, opts = {}) {
  const reading = await readEmail(raw, { ourDomains: OUR_DOMAINS, ...opts });
  if (reading.lead) canonicalLeadSchema.parse(reading.lead);
  return reading;
}

describe("messages built with MailComposer", () => {
  it("when a PDF is over the default 5 MB cap, then it is listed with its size and no content", async () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 0x25);
    const small = Buffer.from("%PDF-1.4\n%%EOF\n");
    const raw = await compose({
      from: "Meena Pillai <meena.pillai@keralaspices.co.in>",
      to: "sales@ourco.com",
      subject: "Drawings for the warehouse racks",
      text: "Please find the drawings attached.\n\nRegards,\nMeena Pillai\n+91 94470 12345",
      attachments: [
        { filename: "drawings.pdf", content: big, contentType: "application/pdf" },
        { filename: "summary.pdf", content: small, contentType: "application/pdf" },
      ],
    });
    const r = await read(raw);
    expect(r.kind).toBe("lead");
    expect(r.lead).toMatchObject({ email: "meena.pillai@keralaspices.co.in", phone: "+919447012345", company: "Keralaspices" });
    expect(r.attachments.map((a) => [a.filename, a.size, a.content?.length ?? null])).toEqual([
      ["drawings.pdf", big.length, null],
      ["summary.pdf", small.length, small.length],
    ]);
  });

  it("when the HTML shows an inline logo by cid, then the logo is not listed as an attachment", async () => {
    const raw = await compose({
      from: "Rohan Das <rohan.das@eastwind-logistics.com>",
      to: "sales@ourco.com",
      subject: "Warehouse enquiry, Kolkata",
      html: '<p>Need 10,000 sq ft near Dankuni.</p><p>Rohan Das<br>+91 98300 12345</p><img src="cid:logo@eastwind">',
      attachments: [
        { filename: "logo.png", content: Buffer.from("89504e470d0a1a0a", "hex"), contentType: "image/png", cid: "logo@eastwind" },
        { filename: "layout.pdf", content: Buffer.from("%PDF-1.4\n%%EOF\n"), contentType: "application/pdf" },
      ],
    });
    const r = await read(raw);
    expect(r.lead).toMatchObject({ name: "Rohan Das", phone: "+919830012345", company: "Eastwind Logistics" });
    expect(r.attachments.map((a) => a.filename)).toEqual(["layout.pdf"]);
  });

  it.each(["quoted-printable", "base64"] as const)(
    "when the text is %s-encoded UTF-8, then the Devanagari name and the note survive",
    async (textEncoding) => {
      const raw = await compose({
        from: { name: "सुनीता शर्मा", address: "sunita.sharma@yahoo.in" },
        to: "sales@sunrisedevelopers.in",
        subject: "फ्लैट की जानकारी",
        text: "नमस्ते, कृपया 3 BHK की कीमत भेजें।\n\nधन्यवाद,\nसुनीता शर्मा\n+91 99870 11223",
        textEncoding,
      });
      const r = await read(raw);
      expect(r.lead).toMatchObject({
        name: "सुनीता शर्मा",
        first_name: "सुनीता",
        last_name: "शर्मा",
        phone: "+919987011223",
        email: "sunita.sharma@yahoo.in",
      });
      expect(r.lead?.company ?? null).toBeNull(); // yahoo.in is free mail
      expect(r.note).toBe("फ्लैट की जानकारी\n\nनमस्ते, कृपया 3 BHK की कीमत भेजें।\n\nधन्यवाद,\nसुनीता शर्मा\n+91 99870 11223");
    },
  );

  it("when a body runs to 200 KB, then the note stops at 10,000 characters and the lead still passes the schema", async () => {
    const paragraph = "We are evaluating suppliers for our new plant and would like detailed specifications. ";
    const raw = await compose({
      from: '"Iyer, Lakshmi" <lakshmi.iyer@chennai-polymers.com>',
      to: "sales@ourco.com",
      subject: "Long RFQ",
      text: `${paragraph.repeat(2400)}\n\nRegards,\nLakshmi Iyer\nChennai Polymers Pvt Ltd\n+91 98400 11122`,
    });
    expect(raw.length).toBeGreaterThan(200_000);
    const r = await read(raw);
    expect(r.lead).toMatchObject({
      name: "Lakshmi Iyer",
      first_name: "Lakshmi",
      last_name: "Iyer",
      company: "Chennai Polymers Pvt Ltd",
      phone: "+919840011122",
    });
    expect(r.note?.length).toBe(10_000);
    expect(r.lead?.message?.length).toBe(10_000);
  });

  it("when portal fields are longer than the schema allows, then they are cut to its maxima instead of failing", async () => {
    const raw = await compose({
      from: "IndiaMART <buyleads@indiamart.com>",
      to: "sales@ourco.com",
      subject: "Enquiry",
      text: [
        `Name: Asha Menon`,
        `Mobile: 9846012345`,
        `Product Name: ${"Valve ".repeat(100)}`,
        `Requirement: ${"x".repeat(3000)}`,
        `${"L".repeat(150)}: value`,
      ].join("\n"),
    });
    const r = await read(raw);
    expect(r.kind).toBe("lead");
    expect(r.lead?.product_interest?.length).toBe(300);
    expect(r.lead?.need?.length).toBe(2000);
    expect(r.lead?.phone).toBe("+919846012345");
  });
});

describe("threading and forwarding edge cases", () => {
  const gmailForward = readFileSync(new URL("../../../fixtures/email/gmail-forward.eml", import.meta.url), "utf8");

  it("when a forward carries References (as Gmail adds), then it is a reply whose lead is still the original sender, for the caller's fallback", async () => {
    const raw = `References: <orig-1@mail.gmail.com>\nIn-Reply-To: <orig-1@mail.gmail.com>\n${gmailForward}`;
    const r = await read(raw, { ourDomains: ["shahbuildcon.com"] });
    expect(r.kind).toBe("reply");
    expect(r.inReplyTo).toEqual(["orig-1@mail.gmail.com"]);
    expect(r.extractedFrom).toBe("forwarded");
    expect(r.lead?.email).toBe("priya.nair@technova.io");
  });

  it("when Outlook replies with RE: over an -----Original Message----- block, then the block is our quote, not a forward", async () => {
    const r = await read(
      `From: "Verma, Deepak" <deepak.verma@brightlights.co.in>\nTo: sales@ourco.com\nSubject: RE: Quote for LED panels\nIn-Reply-To: <q-1@ourco.com>\nReferences: <q-0@ourco.com> <q-1@ourco.com>\n\nThanks, the price works. Please send the PI.\n\nDeepak\n\n-----Original Message-----\nFrom: Sales <sales@ourco.com>\nSent: Tuesday, June 4, 2024 3:00 PM\nTo: Deepak Verma <deepak.verma@brightlights.co.in>\nSubject: Quote for LED panels\n\nDear Deepak, please find our quote. Call +91 98450 00000.\n`,
    );
    expect(r.kind).toBe("reply");
    expect(r.inReplyTo).toEqual(["q-1@ourco.com", "q-0@ourco.com"]);
    expect(r.extractedFrom).toBe("sender");
    expect(r.lead).toMatchObject({ name: "Deepak Verma", email: "deepak.verma@brightlights.co.in" });
    expect(r.lead?.phone ?? null).toBeNull();
    expect(r.note).toBe("RE: Quote for LED panels\n\nThanks, the price works. Please send the PI.\n\nDeepak");
  });

  it("when Apple Mail forwards ('Begin forwarded message:'), then the inner sender with an international number is the lead", async () => {
    const r = await read(
      `From: Boss <boss@ourco.com>\nTo: leads@ourco.com\nSubject: Fwd: Villa enquiry\n\nBegin forwarded message:\n\nFrom: "Nikhil Jain" <nikhil.jain@me.com>\nSubject: Villa enquiry\nDate: 4 June 2024 at 9:14:03 PM IST\nTo: boss@ourco.com\n\nHi, interested in the 4 BHK villa. Call me on +1 (415) 555-2671.\n\nNikhil\n`,
    );
    expect(r.kind).toBe("lead");
    expect(r.extractedFrom).toBe("forwarded");
    expect(r.lead).toMatchObject({ name: "Nikhil Jain", email: "nikhil.jain@me.com", phone: "+14155552671" });
  });

  it("when one of our own people writes with no enquiry in it, then it is no lead", async () => {
    const r = await read(
      `From: Sales <sales@sunrisedevelopers.in>\nTo: leads@x.example\nSubject: test\n\nTesting the pipeline. +91 98450 00000\n`,
    );
    expect(r.kind).toBe("no_lead");
    expect(r.reason).toMatch(/our own domain/);
  });
});

describe("senders that are machines", () => {
  it("when a no-reply website mailer sets a Reply-To, then the lead is the Reply-To", async () => {
    const r = await read(
      `From: "Website" <no-reply@acme-homes.example>\nReply-To: "Kiran Desai" <kiran.desai@gmail.com>\nTo: sales@ourco.com\nSubject: Callback request\n\nKiran Desai asked for a callback about the 4 BHK villa.\n`,
    );
    expect(r.kind).toBe("lead");
    expect(r.extractedFrom).toBe("reply_to");
    expect(r.lead).toMatchObject({ name: "Kiran Desai", email: "kiran.desai@gmail.com" });
  });

  it("when a portal masks the buyer's number and gives no address, then it is no lead, saying so", async () => {
    const r = await read(
      `From: 99acres <noreply@99acres.com>\nTo: s@ourco.com\nSubject: New response\n\nName: Hidden Buyer\nMobile: +91-98XXXXXX10\nUpgrade your plan to see contact details.\n`,
    );
    expect(r.kind).toBe("no_lead");
    expect(r.reason).toBe("99acres notification without the enquirer's email or phone");
  });

  it("when a CRM mails a column table (labels in the header row), then the columns are zipped into fields", async () => {
    const r = await read(
      `From: Lead Alerts <alerts@crm-mailer.example>\nTo: s@ourco.com\nSubject: New lead\nContent-Type: text/html\n\n<table><tr><th>Name</th><th>Mobile</th><th>Email</th><th>City</th></tr><tr><td>Pooja Iyer</td><td>9845012345</td><td>pooja.iyer@gmail.com</td><td>Chennai</td></tr></table>`,
    );
    expect(r.extractedFrom).toBe("portal_body");
    expect(r.lead).toMatchObject({ name: "Pooja Iyer", phone: "+919845012345", email: "pooja.iyer@gmail.com", city: "Chennai" });
  });

  it("when a portal puts several pairs on one line or a whole contact in one field, then each part is read", async () => {
    const piped = await read(
      `From: Leads <leads@sulekha.com>\nTo: s@ourco.com\nSubject: New lead\n\nName: Rahul Patil | Mobile: 9876543210 | Email: r.patil@gmail.com\nRequirement: Interior design for 2BHK\n`,
    );
    expect(piped.lead).toMatchObject({
      name: "Rahul Patil",
      phone: "+919876543210",
      email: "r.patil@gmail.com",
      need: "Interior design for 2BHK",
      subsource: "Sulekha",
    });
    const packed = await read(
      `From: Sulekha <alerts@sulekha.com>\nTo: s@ourco.com\nSubject: New lead\n\nContact Details: Priya S, +91 98860 12345, priya.s@gmail.com\nService: Packers and Movers\nCity: Bengaluru\n`,
    );
    expect(packed.lead).toMatchObject({
      name: "Priya S",
      phone: "+919886012345",
      email: "priya.s@gmail.com",
      product_interest: "Packers and Movers",
      city: "Bengaluru",
    });
  });

  it("when a helpdesk acknowledges with Auto-Submitted: auto-generated, then it is an auto-reply", async () => {
    const r = await read(
      `From: "Ticket Desk" <support@vendor-helpdesk.example>\nTo: sales@ourco.com\nSubject: [Ticket #4411] We received your request\nAuto-Submitted: auto-generated\n\nWe will respond within 24 hours.\n`,
    );
    expect(r.kind).toBe("auto_reply");
    expect(r.reason).toContain("auto-generated");
  });

  it.each([
    ["Out of Office", "Out of Office: Site visit"],
    ["German", "Abwesenheitsnotiz: Anfrage"],
    ["Absence", "Absence: back on Monday"],
    ["Autoresponder", "Autoresponder - thanks for writing"],
    ["On leave", "On leave till 14 June"],
    ["Auto-Reply", "Auto-Reply: Your enquiry"],
  ])("when the subject is an %s notice, then it is an auto-reply", async (_, subject) => {
    const r = await read(`From: Rohit <rohit@infra.example>\nTo: s@ourco.com\nSubject: ${subject}\n\nI am away. Call +91 98111 22334.\n`);
    expect(r.kind).toBe("auto_reply");
  });

  it.each(["Vacation home in Goa - 3 BHK villa", "Absence management software: demo request", "Away from the city: farmhouse plots?"])(
    "when an enquiry's subject only looks like an absence (%s), then it is still a lead",
    async (subject) => {
      const r = await read(
        `From: Rohit Menon <rohit.menon@infra.example>\nTo: s@ourco.com\nSubject: ${subject}\n\nPlease call me on +91 98111 22334.\n`,
      );
      expect(r.kind).toBe("lead");
    },
  );

  it("when Webflow mails a form submission from its no-reply address, then the visitor is the lead", async () => {
    const r = await read(
      `From: Webflow <no-reply-forms@webflow.com>\nTo: s@ourco.com\nSubject: New form submission on Sunrise Developers\n\nYou have a new form submission on your Webflow site.\n\nName: Ishaan Kapoor\nEmail: ishaan.kapoor@proton.me\nMessage: Do you have plots in Lonavala?\n`,
    );
    expect(r.extractedFrom).toBe("portal_body");
    expect(r.lead).toMatchObject({ name: "Ishaan Kapoor", email: "ishaan.kapoor@proton.me", subsource: "Webflow" });
    expect(r.lead?.company ?? null).toBeNull();
  });

  it.each([
    ["X-Autoreply: yes", "X-Autoreply"],
    ["X-Autorespond: Vacation", "X-Autorespond"],
    ["Precedence: auto_reply", "Precedence: auto_reply"],
    ["Precedence: junk", "Precedence: junk"],
  ])("when the header %s is present, then it is an auto-reply", async (header, reason) => {
    const r = await read(`From: Rohit <rohit@infra.example>\nTo: s@ourco.com\n${header}\nSubject: Thanks\n\nThanks for your mail.\n`);
    expect(r.kind).toBe("auto_reply");
    expect(r.reason?.toLowerCase()).toContain(reason.toLowerCase());
  });

  it("when Exim reports a failure in plain text, then it is a bounce naming the address", async () => {
    const r = await read(
      `From: Mail Delivery System <Mailer-Daemon@mail.example.net>\nTo: sales@ourco.com\nSubject: Mail delivery failed: returning message to sender\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  gone@example.net\n    host mx.example.net said: 550 no mailbox\n`,
    );
    expect(r.kind).toBe("bounce");
    expect(r.reason).toBe("bounce: gone@example.net");
  });

  it("when a delivery report only says 'delayed', then it is no bounce but an automatic notice", async () => {
    const r = await read(
      `From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\nTo: sales@ourco.com\nSubject: Delayed Mail (still being retried)\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\n\n--B\nContent-Type: text/plain\n\nYour message is delayed.\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.com\n\nFinal-Recipient: rfc822; slow@example.org\nAction: delayed\nStatus: 4.4.1\n--B--\n`,
    );
    expect(r.kind).toBe("auto_reply");
    expect(r.reason).toBe("delivery delayed: slow@example.org");
  });
});

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/email/${name}`, import.meta.url));

describe("content spam: classified spam, with the reason, and no lead", () => {
  it.each([
    ["lottery-scam.eml", /^spam: lottery or prize scam \(.*lucky draw.*processing fee/],
    ["mass-mailer-unsubscribe.eml", /^spam: mass mailing \(list-unsubscribe header; .*20% off/],
    ["link-farm.eml", /^spam: link farm \(6 links to 6 sites\)$/],
    ["shouting-subject-sale.eml", /^spam: shouting subject selling \("MEGA CLEARANCE SALE/],
    ["spam-no-contact.eml", /^spam: marketing \(.*100% GUARANTEED/],
  ])("when %s arrives, then it is spam and says why", async (name, why) => {
    const r = await read(fixture(name));
    expect(r.kind).toBe("spam");
    expect(r.reason).toMatch(why);
    expect(r.lead).toBeNull();
  });

  it("when a person's enquiry has a SHOUTING subject but sells nothing, then it is a lead", async () => {
    const r = await read(fixture("shouting-subject-enquiry.eml"));
    expect(r.kind).toBe("lead");
    expect(r.lead).toMatchObject({ first_name: "Sanjay", last_name: "Kulkarni", phone: "+919823045678" });
  });

  it("when a portal notification is bulk-marked, then it is still the portal's lead, not spam", async () => {
    expect((await read(fixture("portal-justdial.eml"))).kind).toBe("lead");
  });
});

describe("a name signed at the end of a short message fills an empty first name", () => {
  it.each([
    ["signoff-dash-name.eml", { first_name: "Farhan", phone: "+919820011223", email: "fk1987@gmail.com" }],
    ["signoff-thanks-inline.eml", { first_name: "Asha", email: "asha.blr@yahoo.com" }],
    ["signoff-regards-two-lines.eml", { first_name: "Priya", last_name: "Nair", phone: "+919847012345" }],
  ])("when %s is signed by name, then the lead has it", async (name, lead) => {
    const r = await read(fixture(name));
    expect(r.kind).toBe("lead");
    expect(r.lead).toMatchObject(lead);
  });

  it.each([
    ["Need a 2BHK – Baner", null],
    ["call me - URGENT", null],
    ["Please call back\n\n~ Meera", "Meera"],
    ["pls call back — Ravi Kumar", "Ravi Kumar"],
  ])("when a short message ends %j, then the sign-off name is %j", async (text, name) => {
    const r = await read(await compose({ from: "someone.123@gmail.com", to: "sales@ourco.com", subject: "Enquiry", text }));
    expect(r.lead?.first_name ?? null).toBe(name?.split(" ")[0] ?? null);
  });
});
