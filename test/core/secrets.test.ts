import { describe, expect, it } from "vitest";
import { isSecretName, knownSecretValues, redactSecrets, redactText, REDACTED } from "../../core/secrets.ts";
import { SECRET_SETTINGS } from "../../core/partners.ts";
import { newApiKey, newSigningSecret } from "../../core/crypto.ts";
import { hashPassword } from "../../core/passwords.ts";
import { createLogger } from "../../core/logger.ts";

const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwicm9sZSI6ImFkbWluIn0.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

const SECRET_NAMES = [
  "password",
  "PASSWORD",
  "new_password",
  "passwordHash",
  "password_hash",
  "password_confirmation",
  "passwd",
  "pwd",
  "pass",
  "db_pass",
  "secret",
  "client_secret",
  "signingSecret",
  "signing_secret_enc",
  "secrets",
  "app_secret",
  "token",
  "access_token",
  "refresh_token",
  "hub.verify_token",
  "authToken",
  "accesstoken",
  "id_token",
  "api_key",
  "apiKey",
  "APIKEY",
  "x-api-key",
  "google_key",
  "googleKey",
  "crm_key",
  "glusr_crm_key",
  "private_key",
  "secret_key",
  "authorization",
  "Authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "Cookie",
  "signature",
  "x-hub-signature-256",
  "typeform-signature",
  "X-Leadhub-Signature",
  "x-hubspot-signature-v3",
  "credentials",
];

describe("isSecretName", () => {
  it("when a name says password, secret, token, signature, cookie or a credential key, then it is a secret, whatever its case or separators", () => {
    for (const name of SECRET_NAMES) expect(isSecretName(name), name).toBe(true);
  });

  it("when a name is a vendor secret setting, then it is a secret", () => {
    for (const name of SECRET_SETTINGS) expect(isSecretName(name), name).toBe(true);
  });

  it("when a name is an identifier or a fact about a secret, then it is kept", () => {
    for (const name of [
      "key",
      "idempotency_key",
      "email_key",
      "name_key",
      "company_key",
      "key_prefix",
      "key_hash",
      "form_key",
      "public_key",
      "sort_key",
      "api_key_id",
      "secrets_configured",
      "token_expires_at",
      "password_changed_at",
      "passport",
      "passport_no",
      "compass",
      "bypass",
      "pin",
      "pincode",
      "email",
      "name",
      "phone",
      "message",
      "body_hash",
      "keyword",
      "monkey",
      "author",
      "signed_at",
      "utm_source",
    ])
      expect(isSecretName(name), name).toBe(false);
  });
});

describe("redactSecrets", () => {
  it("when a value sits under a secret name, at any depth and inside arrays, then it is replaced and its neighbours kept", () => {
    const input = {
      email: "asha@example.in",
      password: "hunter2-hunter2",
      nested: { list: [{ access_token: "abc", keep: 1 }, { facebook_page_token: { deep: "x" } }], key: "form-key-1" },
      idempotency_key: "idem-1",
      settings: { google_key: "gk", secrets_configured: ["google_key"], indiamart_base_url: "https://x" },
    };
    expect(redactSecrets(input)).toEqual({
      email: "asha@example.in",
      password: REDACTED,
      nested: { list: [{ access_token: REDACTED, keep: 1 }, { facebook_page_token: REDACTED }], key: "form-key-1" },
      idempotency_key: "idem-1",
      settings: { google_key: REDACTED, secrets_configured: ["google_key"], indiamart_base_url: "https://x" },
    });
    expect(input.password).toBe("hunter2-hunter2");
  });

  it("when a known secret or a credential shape appears in any string, then it is redacted by value", async () => {
    const { key } = newApiKey();
    const whsec = newSigningSecret();
    const bcrypt = await hashPassword("whatever-password");
    const out = redactSecrets(
      {
        note: "the vendor key is s3cr3t-vendor-value, sent again as s3cr3t-vendor-value",
        list: [`key ${key}`, whsec, JWT, `hash ${bcrypt}`, "Authorization: Bearer abcdefghijklmnopqrstuvwxyz"],
        url: "https://graph.example/1?fields=id&access_token=s3cr3t%2Fvendor",
      },
      ["s3cr3t-vendor-value", "s3cr3t/vendor"],
    );
    expect(out).toEqual({
      note: `the vendor key is ${REDACTED}, sent again as ${REDACTED}`,
      list: [`key ${REDACTED}`, REDACTED, REDACTED, `hash ${REDACTED}`, `Authorization: Bearer ${REDACTED}`],
      url: `https://graph.example/1?fields=id&access_token=${REDACTED}`,
    });
    expect(JSON.stringify(out)).not.toMatch(/s3cr3t|lh_[\w-]{20}|whsec_|eyJ|\$2[aby]\$/);
  });

  it("when nothing is secret, then the same object comes back (callers tell cheaply whether it changed)", () => {
    const input = {
      email: "a@b.in",
      list: [1, "two", { three: null }],
      form_response: { token: "typeform-response-id" },
      password: null,
      pass: "",
    };
    expect(redactSecrets(input)).toBe(input);
  });

  it("when a structure is cyclic or hostilely deep, then the walk ends and fails closed", () => {
    const a: Record<string, unknown> = { name: "x" };
    a.self = a;
    expect(redactSecrets(a)).toEqual({ name: "x", self: REDACTED });
    let deep: unknown = { token: "t" };
    for (let i = 0; i < 200; i++) deep = { d: deep };
    expect(JSON.stringify(redactSecrets(deep))).not.toContain('"t"');
  });

  it("when a value is not a plain object (a Date, a Buffer), then it is kept as is", () => {
    const when = new Date(0);
    const buf = Buffer.from("x");
    const out = redactSecrets({ when, buf });
    expect(out.when).toBe(when);
    expect(out.buf).toBe(buf);
  });
});

describe("redactText", () => {
  it("when a secret-named pair is in a query string, header, JSON or escaped JSON, then its value goes and the text keeps its form", () => {
    expect(redactText("/crmListing/v2/?glusr_crm_key=abc123&start_time=1")).toBe(`/crmListing/v2/?glusr_crm_key=${REDACTED}&start_time=1`);
    expect(redactText("Authorization: Basic dXNlcjpwYXNz\nX-Other: 1")).toBe(`Authorization: Basic ${REDACTED}\nX-Other: 1`);
    expect(redactText("typeform-signature: sha256=abc=")).toBe(`typeform-signature: ${REDACTED}`);
    const line = JSON.stringify({
      msg: "x",
      password: "p4ss",
      n: { token: 12345, api_key: null },
      changes: JSON.stringify({ password: "p4ss", name: "n" }),
    });
    const out = redactText(line);
    expect(JSON.parse(out)).toEqual({
      msg: "x",
      password: REDACTED,
      n: { token: REDACTED, api_key: null },
      changes: JSON.stringify({ password: REDACTED, name: "n" }),
    });
  });

  it("when any secret name is a pair in text, then the text rule (with its cheap pre-tests) redacts it too", () => {
    for (const name of [...SECRET_NAMES, ...SECRET_SETTINGS])
      expect(redactText(`${name}=abcdef&x=1`), name).toBe(`${name}=${REDACTED}&x=1`);
  });

  it("when text only mentions ordinary keys, then it is unchanged", () => {
    for (const text of [
      "key=form-1&idempotency_key=abc",
      '{"key":"score","type":"number"}',
      "t=1700000000,v1=abcdef",
      "lh_abcdefg is a key prefix",
      "QUJDREVGR0g=\nSUpLTE1OT1A=",
    ]) {
      expect(redactText(text)).toBe(text);
    }
  });

  it("when a known secret is shorter than the minimum, then it is not searched for in text (it would mangle ordinary words)", () => {
    expect(knownSecretValues(["abc", "long-enough", 42, null])).toEqual(["long-enough"]);
    expect(redactText("abc long-enough", knownSecretValues(["abc", "long-enough"]))).toBe(`abc ${REDACTED}`);
  });
});

describe("createLogger", () => {
  it("when a caller logs a secret by name, in an error message or in a URL, then the line holds none of them and stays JSON", async () => {
    const lines: string[] = [];
    const log = createLogger("info", "test", { write: (line: string) => void lines.push(line) });
    const { key } = newApiKey();
    log.info({ password: "p4ssw0rd-1", settings: { google_key: "gk-123456" }, url: "/x?glusr_crm_key=im-123456&a=1" }, "saved");
    log.error(
      {
        err: new Error(`refused key ${key}`),
        req: { headers: { authorization: `Bearer ${JWT}`, "x-hub-signature-256": "sha256=abcdef" } },
      },
      "failed",
    );
    const text = lines.join("");
    for (const secret of ["p4ssw0rd-1", "gk-123456", "im-123456", key, JWT, "sha256=abcdef"]) expect(text).not.toContain(secret);
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["saved", "failed"]);
  });
});
