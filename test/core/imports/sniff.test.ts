import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { Readable } from "node:stream";
import { decodeStream, sniffCsv, SNIFF_BYTES } from "../../../core/imports/sniff.ts";
import { csv, fixture } from "./helpers.ts";

describe("sniffing encodings", () => {
  it("when a UTF-8 file has no BOM, then it reads as utf-8 without BOM", () => {
    const s = sniffCsv(fixture("hubspot-contacts.csv"));
    expect(s).toMatchObject({ encoding: "utf-8", bom: false });
  });

  it("when a UTF-8 file starts with a BOM, then the BOM is reported and kept out of the first header", () => {
    const s = sniffCsv(fixture("utf8-bom.csv"));
    expect(s).toMatchObject({ encoding: "utf-8", bom: true, lineEnding: "\r\n" });
    expect(s.headers[0]).toBe("Full Name");
    expect(s.preview[0][0]).toBe("Łukasz Nowak");
  });

  it("when the bytes are not valid UTF-8, then they read as windows-1252 with é, ñ and £ intact", () => {
    const s = sniffCsv(fixture("excel-european-1252.csv"));
    expect(s.encoding).toBe("windows-1252");
    expect(s.headers).toContain("Prénom");
    expect(s.preview[0].slice(0, 5)).toEqual(["Peña", "José", "jose.pena@example.es", "+34 912 345 678", "Señor Café S.L."]);
    expect(s.preview[2][7]).toBe("£1.500");
  });

  it("when Excel saved 'Unicode Text', then it reads as UTF-16LE with a BOM, tabs and CRLF", () => {
    const s = sniffCsv(fixture("excel-unicode-text.txt"));
    expect(s).toMatchObject({ encoding: "utf-16le", bom: true, delimiter: "\t", lineEnding: "\r\n", hasHeader: true });
    expect(s.headers).toEqual(["Name", "Mobile No.", "Email ID", "City", "Remarks"]);
    expect(s.preview[0]).toEqual(["अमित शर्मा", "9876543210", "amit@example.in", "जयपुर", "इच्छुक है"]);
    expect(s.preview[1][4]).toBe('Note with\ttab and "quotes"');
  });

  it("when UTF-16 has no BOM, then the NUL bytes tell little from big endian", () => {
    const text = "Name\tPhone\r\nAsha\t9876500001\r\nBala\t9876500002\r\n";
    expect(sniffCsv(iconv.encode(text, "utf-16le"))).toMatchObject({ encoding: "utf-16le", bom: false, headers: ["Name", "Phone"] });
    expect(sniffCsv(iconv.encode(text, "utf-16be"))).toMatchObject({ encoding: "utf-16be", bom: false, headers: ["Name", "Phone"] });
  });

  it("when the 64 KiB sample ends inside a multi-byte character, then it is still utf-8 and the cut row is left out", () => {
    const row = (i: number) => `${i},Zoë Müller ${i},zoe${i}@example.de,Café`;
    const build = (pad: number) => {
      const lines = [`id,name,email,place${"_".repeat(pad)}`];
      for (let i = 0; Buffer.byteLength(lines.join("\n")) < SNIFF_BYTES + 1000; i++) lines.push(row(i));
      return Buffer.from(lines.join("\n") + "\n");
    };
    // Pad the header so that the sample's last byte is the first half of an "é" (C3 A9).
    const plain = build(0);
    let lead = SNIFF_BYTES - 1;
    while (!(plain[lead] === 0xc3 && plain[lead + 1] === 0xa9)) lead--;
    const file = build(SNIFF_BYTES - 1 - lead);
    expect([file[SNIFF_BYTES - 1], file[SNIFF_BYTES]]).toEqual([0xc3, 0xa9]);
    const cut = SNIFF_BYTES;
    const s = sniffCsv(file.subarray(0, cut));
    expect(s.encoding).toBe("utf-8");
    expect(s.preview).toHaveLength(20);
    expect(s.preview.every((r) => r[3] === "Café")).toBe(true);
  });
});

describe("sniffing delimiters", () => {
  it.each([
    ["hubspot-contacts.csv", ","],
    ["salesforce-leads.csv", ","],
    ["zoho-leads.csv", ","],
    ["indiamart-leads.csv", ","],
    ["excel-european-1252.csv", ";"],
    ["excel-unicode-text.txt", "\t"],
  ])("when %s is sniffed, then the delimiter is %j", (name, delimiter) => {
    expect(sniffCsv(fixture(name)).delimiter).toBe(delimiter);
  });

  it("when semicolons sit inside quoted fields of a comma file, then the comma wins", () => {
    const s = sniffCsv(csv(["Name,Notes,City", '"Asha","call; later; maybe",Pune', '"Bala","a;b;c;d",Delhi', '"Chitra","x;y",Goa']));
    expect(s.delimiter).toBe(",");
    expect(s.preview[0]).toEqual(["Asha", "call; later; maybe", "Pune"]);
  });

  it("when commas sit unquoted inside values of a semicolon file, then the semicolon wins", () => {
    const s = sniffCsv(csv(["Nom;Ville;Remarques", "Peña, José;Málaga;ok", "Roy;Paris, France;a, b, c", "Li;Lyon;1,5"]));
    expect(s.delimiter).toBe(";");
  });

  it("when fields are separated by pipes, then the delimiter is a pipe", () => {
    expect(sniffCsv(csv(["Name|Email|Phone", "Asha|asha@example.in|9876500001", "Bala|bala@example.in|9876500002"])).delimiter).toBe("|");
  });

  it("when Excel wrote a sep= line, then it names the delimiter and is no header", () => {
    const s = sniffCsv(csv(["sep=;", "Name;Email", "Asha, R;asha@example.in"]));
    expect(s).toMatchObject({ delimiter: ";", headers: ["Name", "Email"], preview: [["Asha, R", "asha@example.in"]] });
  });

  it("when the file has one column, then it is one header with a comma delimiter", () => {
    const s = sniffCsv(csv(["Email", "asha@example.in", "bala@example.in"]));
    expect(s).toMatchObject({ delimiter: ",", headers: ["Email"], preview: [["asha@example.in"], ["bala@example.in"]] });
  });
});

describe("sniffing headers and preview", () => {
  it("when the first row holds an email and a phone, then there is no header and columns are numbered", () => {
    const s = sniffCsv(csv(["Asha Rao,asha@example.in,9876500001", "Bala K,bala@example.in,9876500002"]));
    expect(s.hasHeader).toBe(false);
    expect(s.headers).toEqual(["Column 1", "Column 2", "Column 3"]);
    expect(s.preview[0]).toEqual(["Asha Rao", "asha@example.in", "9876500001"]);
  });

  it("when header cells are empty or repeated, then they are named and numbered", () => {
    const s = sniffCsv(csv(["Name, Email ,,Email,email,  ", "a,b,c,d,e,f"]));
    expect(s.headers).toEqual(["Name", "Email", "Column 3", "Email (2)", "email (3)", "Column 6"]);
  });

  it("when the file is empty or blank, then there are no headers and no preview", () => {
    expect(sniffCsv(Buffer.alloc(0))).toMatchObject({ headers: [], preview: [], hasHeader: true });
    expect(sniffCsv(Buffer.from("\n\n  \n"))).toMatchObject({ headers: [], preview: [] });
  });

  it("when a file has more than 20 data rows, then the preview holds 20, as wide as the header", () => {
    const lines = ["a,b,c"];
    for (let i = 0; i < 30; i++) lines.push(i % 2 ? `${i},x` : `${i},x,y,z`);
    const s = sniffCsv(csv(lines));
    expect(s.preview).toHaveLength(20);
    expect(s.preview.every((r) => r.length === 3)).toBe(true);
    expect(s.preview[0]).toEqual(["0", "x", "y"]);
  });

  it("when a quoted field spans lines, then the preview holds it as one cell", () => {
    const s = sniffCsv(fixture("zoho-leads.csv"));
    expect(s.preview).toHaveLength(2);
    expect(s.preview[0][18]).toBe("Wants a demo.\nCall after 4 pm.\nBudget approved");
  });

  it("when a quote is left open early in the file, then the rows after it still show in the preview", () => {
    const s = sniffCsv(fixture("unbalanced-quote.csv"));
    expect(s.preview.map((r) => r[0])).toEqual(["Asha Rao", "Bala Krishnan", "Deepak Jain", "Ezhil, Arasan", "Farah Khan"]);
  });
});

describe("decodeStream", () => {
  it("when a UTF-16LE file is piped through it, then text comes out without the BOM", async () => {
    let text = "";
    for await (const chunk of Readable.from([fixture("excel-unicode-text.txt")]).pipe(decodeStream("utf-16le"))) text += chunk;
    expect(text.startsWith("Name\tMobile No.")).toBe(true);
    expect(text).toContain("अमित शर्मा");
  });

  it("when a UTF-8 file with a BOM is piped through it, then the BOM is gone", async () => {
    let text = "";
    for await (const chunk of Readable.from([fixture("utf8-bom.csv")]).pipe(decodeStream("utf-8"))) text += chunk;
    expect(text.charCodeAt(0)).toBe("F".charCodeAt(0));
  });
});
