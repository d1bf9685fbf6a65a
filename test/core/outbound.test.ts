import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import { createSecureContext } from "node:tls";
import type { AddressInfo } from "node:net";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addressRange, assertSavedUrl, checkTarget, outboundFetch, vendorUrl, type Resolver } from "../../core/outbound.ts";
import { AppError } from "../../core/errors.ts";

/**
 * The outbound guard. Every address below except 127.0.0.0/8 and ::1 is judged by the pure
 * checks only (checkTarget, addressRange): the tests never connect anywhere but loopback, not
 * even to see a refusal.
 */

/** A resolver the table must never need: literal hosts are judged without resolving. */
const noResolve: Resolver = async (host) => {
  throw new Error(`resolved ${host}: a literal address must not be looked up`);
};

/** Names and what the fake resolver answers for them (the real code path, with the answers swapped). */
const NAMES: Record<string, string[]> = {
  "intranet.example": ["10.1.2.3"],
  "metadata.example": ["169.254.169.254"],
  "ula.example": ["fd00::1"],
  "mapped.example": ["::ffff:127.0.0.1"],
  "nat64.example": ["64:ff9b::a9fe:a9fe"],
  "cgnat.example": ["100.64.1.1"],
  // One bad answer among good ones is enough to refuse: the socket could be handed any of them.
  "mixed.example": ["93.184.216.34", "10.0.0.1"],
  "public.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
  "loop.test": ["127.0.0.1"],
  "inner.test": ["127.0.0.2"],
};
const fakeResolver: Resolver = async (host) => {
  const answers = NAMES[host.replace(/\.$/, "")];
  if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).code;
  }
  return "allowed";
};

// [url, why it must be refused]; literal hosts, as a tenant admin might type them.
const LITERALS: [string, string][] = [
  ["http://127.0.0.1/", "loopback"],
  ["http://2130706433/", "decimal loopback"],
  ["http://017700000001/", "octal loopback"],
  ["http://0x7f000001/", "hex loopback"],
  ["http://0x7f.1/", "hex short form"],
  ["http://127.1/", "two-part short form"],
  ["http://127.0.1/", "three-part short form"],
  ["http://0177.0.0.1/", "octal first octet"],
  ["http://127.0.0.1./", "trailing dot"],
  ["http://0/", "zero is 0.0.0.0"],
  ["http://0.0.0.0:8080/", "unspecified"],
  ["http://[::]/", "IPv6 unspecified"],
  ["http://[::1]/", "IPv6 loopback"],
  ["http://[0:0:0:0:0:0:0:1]/", "IPv6 loopback, long form"],
  ["http://[::ffff:127.0.0.1]/", "IPv4-mapped loopback"],
  ["http://[::ffff:7f00:1]/", "IPv4-mapped loopback, hex"],
  ["http://[0:0:0:0:0:ffff:127.0.0.1]/", "IPv4-mapped, long form"],
  ["http://[::ffff:10.0.0.1]/", "IPv4-mapped private"],
  ["http://[::ffff:a9fe:a9fe]/", "IPv4-mapped metadata"],
  ["http://[::ffff:0:7f00:1]/", "IPv4-translated (RFC 6145)"],
  ["http://[::127.0.0.1]/", "IPv4-compatible"],
  ["http://[64:ff9b::a00:1]/", "NAT64 of 10.0.0.1"],
  ["http://[64:ff9b::7f00:1]/", "NAT64 of loopback"],
  ["http://[64:ff9b:1::a00:1]/", "local-use NAT64"],
  ["http://[2002:7f00:1::]/", "6to4 of loopback"],
  ["http://[2002:c0a8:101::1]/", "6to4 of 192.168.1.1"],
  ["http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "Teredo"],
  ["http://[fc00::1]/", "ULA"],
  ["http://[fd12:3456:789a::1]/", "ULA"],
  ["http://[fe80::1]/", "IPv6 link-local"],
  ["http://[fec0::1]/", "IPv6 site-local"],
  ["http://[ff02::1]/", "IPv6 multicast"],
  ["http://[2001:db8::1]/", "IPv6 documentation"],
  ["http://[100::1]/", "IPv6 discard"],
  ["http://10.0.0.1/", "private 10/8"],
  ["http://10.255.255.255/", "private 10/8"],
  ["http://172.16.0.1/", "private 172.16/12"],
  ["http://172.31.255.255/", "private 172.16/12"],
  ["http://192.168.0.1/", "private 192.168/16"],
  ["http://169.254.169.254/latest/meta-data/", "link-local (cloud metadata)"],
  ["https://0xa9.0xfe.0xa9.0xfe/", "link-local, hex"],
  ["http://100.64.0.1/", "CGNAT"],
  ["http://100.127.255.254/", "CGNAT"],
  ["http://198.18.0.1/", "benchmark"],
  ["http://198.19.255.255/", "benchmark"],
  ["http://224.0.0.1/", "multicast"],
  ["http://239.255.255.250/", "multicast"],
  ["http://240.0.0.1/", "reserved"],
  ["http://255.255.255.255/", "broadcast"],
  ["http://192.0.2.1/", "documentation"],
  ["http://198.51.100.7/", "documentation"],
  ["http://203.0.113.9/", "documentation"],
  ["http://192.0.0.8/", "IETF protocol assignments"],
  ["http://localhost/", "localhost by name"],
  ["http://localhost./", "localhost, trailing dot"],
  ["http://LOCALHOST:3000/", "localhost, upper case"],
  ["http://api.localhost/", "a .localhost name (RFC 6761)"],
];

describe("address classification (pure)", () => {
  it.each(LITERALS)("when the URL is %s (%s), then it is refused before any lookup or connection", async (url) => {
    expect(await codeOf(checkTarget(url, { resolve: noResolve }))).toBe("outbound_address_refused");
  });

  it("when the table is counted, then it holds at least 40 forms", () => {
    expect(LITERALS.length).toBeGreaterThanOrEqual(40);
  });

  it.each([
    ["intranet.example"],
    ["metadata.example"],
    ["ula.example"],
    ["mapped.example"],
    ["nat64.example"],
    ["cgnat.example"],
    ["mixed.example"],
    ["intranet.example."],
    ["loop.test"],
  ])("when the name %s resolves to a private address, then it is refused", async (host) => {
    expect(await codeOf(checkTarget(`https://${host}/x`, { resolve: fakeResolver }))).toBe("outbound_address_refused");
  });

  it("when addresses are public, then the classifier allows them (none is fetched)", async () => {
    for (const ip of [
      "8.8.8.8",
      "1.1.1.1",
      "93.184.216.34",
      "2606:4700:4700::1111",
      "2a00:1450:4001:80b::200e",
      "::ffff:8.8.8.8",
      "64:ff9b::808:808",
      "2002:808:808::1",
    ]) {
      expect(addressRange(ip), ip).toBe("public");
    }
    for (const [ip, range] of [
      ["127.0.0.1", "loopback"],
      ["10.0.0.1", "private"],
      ["::ffff:10.0.0.1", "private"],
      ["64:ff9b::7f00:1", "loopback"],
      ["fd00::1", "uniqueLocal"],
      ["nonsense", "invalid"],
    ]) {
      expect(addressRange(ip), ip).toBe(range);
    }
    const target = await checkTarget("https://public.example/leads?x=1", { resolve: fakeResolver });
    expect(target.addresses.map((a) => a.address)).toEqual(NAMES["public.example"]);
    expect(target.url.hostname).toBe("public.example");
  });

  it.each([
    ["file:///etc/passwd"],
    ["ftp://example.com/"],
    ["gopher://127.0.0.1:70/_x"],
    ["data:text/plain,hi"],
    ["javascript:alert(1)"],
    ["ws://example.com/"],
  ])("when the scheme is not http or https (%s), then it is refused", async (url) => {
    expect(await codeOf(checkTarget(url, { resolve: noResolve, allowPrivate: true }))).toBe("outbound_scheme_refused");
  });

  it("when the URL carries a user and password, or is no URL, then it is refused", async () => {
    expect(await codeOf(checkTarget("https://user:pw@public.example/", { resolve: fakeResolver }))).toBe("outbound_userinfo_refused");
    expect(await codeOf(checkTarget("not a url", { resolve: fakeResolver }))).toBe("outbound_invalid_url");
  });

  it("when private addresses are allowed (development), then loopback passes the check", async () => {
    const t = await checkTarget("http://2130706433:9/", { resolve: noResolve, allowPrivate: true });
    expect(t.addresses).toEqual([{ address: "127.0.0.1", family: 4 }]);
  });
});

describe("URLs saved for later requests", () => {
  const saved = (raw: string, o: Partial<Parameters<typeof assertSavedUrl>[2]> = {}) => {
    try {
      assertSavedUrl("settings.graph_base_url", raw, { allowPrivate: false, requireHttps: true, bare: true, ...o });
      return "ok";
    } catch (e) {
      const err = e as AppError;
      expect(err.kind).toBe("invalid");
      expect(err.details).toEqual({ field: "settings.graph_base_url" });
      return err.code;
    }
  };

  it("when a base URL is http, carries ?, #, a user, or a private literal host, then it is refused with invalid_url", () => {
    expect(saved("https://graph.facebook.com/v21.0")).toBe("ok");
    for (const bad of [
      "http://graph.facebook.com/v21.0",
      "https://graph.facebook.com/v21.0?",
      "https://graph.facebook.com/v21.0#",
      "https://graph.facebook.com/v21.0?x=1",
      "https://u:p@graph.facebook.com/",
      "https://127.0.0.1/",
      "https://[::ffff:7f00:1]/",
      "https://0x7f.1/",
      "https://localhost./",
      "ftp://graph.facebook.com/",
      "nope",
    ]) {
      expect(saved(bad), bad).toBe("invalid_url");
    }
  });

  it("when private addresses are allowed, then a local http fake may be saved; ? and # still may not", () => {
    expect(saved("http://127.0.0.1:4010/v21.0", { allowPrivate: true })).toBe("ok");
    expect(saved("http://127.0.0.1:4010/v21.0?", { allowPrivate: true })).toBe("invalid_url");
  });

  it("when a webhook URL keeps a query, then it is accepted; userinfo and private literals are not", () => {
    const hook = { requireHttps: false, bare: false };
    expect(saved("https://hooks.example.com/in?token=abc", hook)).toBe("ok");
    expect(saved("http://hooks.example.com/in", hook)).toBe("ok");
    expect(saved("https://a:b@hooks.example.com/in", hook)).toBe("invalid_url");
    expect(saved("http://10.0.0.5/in", hook)).toBe("invalid_url");
  });

  it("when a vendor URL is built, then the base cannot smuggle a path and segments are encoded", () => {
    expect(vendorUrl("https://graph.facebook.com/v21.0/", ["12/../../x"], { fields: "id,name", access_token: "t&k" }).href).toBe(
      "https://graph.facebook.com/v21.0/12%2F..%2F..%2Fx?fields=id%2Cname&access_token=t%26k",
    );
    expect(vendorUrl("https://mapi.indiamart.com", ["wservce", "crm", "crmListing", "v2", ""], { k: "1" }).href).toBe(
      "https://mapi.indiamart.com/wservce/crm/crmListing/v2/?k=1",
    );
    for (const base of [
      "https://graph.facebook.com/v21.0?",
      "https://graph.facebook.com/v21.0#",
      "https://u@graph.facebook.com/",
      "file:///etc",
    ]) {
      expect(() => vendorUrl(base, ["1"], {}), base).toThrow(AppError);
    }
    expect(() => vendorUrl("https://graph.facebook.com/v21.0", [".."], {})).toThrow(AppError);
  });
});

/** Local servers only: 127.0.0.1 and 127.0.0.2 (both loopback), on the same port. */
interface Local {
  server: Server;
  port: number;
  hits: { url: string; host?: string; method: string }[];
  connections: number;
  close(): Promise<void>;
}
async function local(host: string, handler: (req: IncomingMessage, res: ServerResponse) => void, port = 0): Promise<Local> {
  const l: Local = {
    server: createServer((req, res) => {
      l.hits.push({ url: req.url ?? "", host: req.headers.host, method: req.method ?? "" });
      handler(req, res);
    }),
    port: 0,
    hits: [],
    connections: 0,
    close: () =>
      new Promise<void>((r) => {
        l.server.closeAllConnections();
        l.server.close(() => r());
      }),
  };
  l.server.on("connection", () => l.connections++);
  await new Promise<void>((r) => l.server.listen(port, host, r));
  l.port = (l.server.address() as AddressInfo).port;
  return l;
}

describe("outbound requests (loopback only)", () => {
  let a: Local;
  let b: Local;
  beforeAll(async () => {
    a = await local("127.0.0.1", (req, res) => {
      const u = new URL(req.url!, "http://x");
      if (u.pathname === "/to-b") return void res.writeHead(302, { location: `http://127.0.0.2:${a.port}/secret` }).end();
      if (u.pathname === "/to-inner") return void res.writeHead(301, { location: `http://inner.test:${a.port}/secret` }).end();
      if (u.pathname === "/to-file") return void res.writeHead(302, { location: "file:///etc/passwd" }).end();
      if (u.pathname === "/loop") return void res.writeHead(302, { location: "/loop" }).end();
      if (u.pathname === "/see-other") return void res.writeHead(303, { location: "/plain" }).end();
      if (u.pathname === "/big") return void res.writeHead(200, { "content-length": String(2 << 20) }).end(Buffer.alloc(2 << 20));
      if (u.pathname === "/big-chunked") {
        res.writeHead(200);
        for (let i = 0; i < 40; i++) res.write(Buffer.alloc(64 << 10));
        return void res.end();
      }
      if (u.pathname === "/hang") return;
      if (u.pathname === "/drip") {
        res.writeHead(200);
        const t = setInterval(() => res.write("x"), 50);
        return void res.on("close", () => clearInterval(t));
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ from: "a", path: u.pathname, method: req.method }));
    });
    b = await local("127.0.0.2", (_req, res) => res.writeHead(200).end("b's secret"), a.port);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  /** 127.0.0.1 stands in for a public address; 127.0.0.2 for an internal one. */
  const onlyA = (ip: string) => ip === "127.0.0.1";

  it("when a loopback literal in any spelling is asked for without allowing private addresses, then it is refused and nothing connects", async () => {
    const before = a.connections;
    for (const host of ["127.0.0.1", "2130706433", "0x7f.1", "017700000001", "127.1", "[::ffff:127.0.0.1]", "localhost"]) {
      expect(await codeOf(outboundFetch(`http://${host}:${a.port}/plain`, { resolve: noResolve })), host).toBe("outbound_address_refused");
    }
    expect(await codeOf(outboundFetch(`http://loop.test:${a.port}/plain`, { resolve: fakeResolver }))).toBe("outbound_address_refused");
    expect(a.connections).toBe(before);
    // The same request, allowed: the server above would have seen it.
    const res = await outboundFetch(`http://2130706433:${a.port}/plain`, { resolve: noResolve, allowPrivate: true });
    expect(res.json()).toEqual({ from: "a", path: "/plain", method: "GET" });
    expect(a.connections).toBe(before + 1);
  });

  it("when DNS answers a checked address and then another (rebinding), then the socket goes to the checked one, looked up once, with the name as Host", async () => {
    let lookups = 0;
    const rebinding: Resolver = async () => [{ address: lookups++ === 0 ? "127.0.0.1" : "127.0.0.2", family: 4 }];
    const bBefore = b.connections;
    const res = await outboundFetch(`http://rebind.test:${a.port}/plain`, { resolve: rebinding, allowAddress: onlyA });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ from: "a" });
    expect(lookups).toBe(1);
    expect(a.hits.at(-1)!.host).toBe(`rebind.test:${a.port}`);
    expect(b.connections).toBe(bBefore);

    // And without allowing private addresses, the same first answer is refused outright.
    lookups = 0;
    expect(await codeOf(outboundFetch(`http://rebind.test:${a.port}/plain`, { resolve: rebinding }))).toBe("outbound_address_refused");
  });

  it("when an allowed server redirects to a refused address, a refused name or another scheme, then each target is re-checked and refused before connecting", async () => {
    const bBefore = b.connections;
    expect(await codeOf(outboundFetch(`http://127.0.0.1:${a.port}/to-b`, { resolve: noResolve, allowAddress: onlyA }))).toBe(
      "outbound_address_refused",
    );
    expect(await codeOf(outboundFetch(`http://127.0.0.1:${a.port}/to-inner`, { resolve: fakeResolver, allowAddress: onlyA }))).toBe(
      "outbound_address_refused",
    );
    expect(await codeOf(outboundFetch(`http://127.0.0.1:${a.port}/to-file`, { resolve: noResolve, allowAddress: onlyA }))).toBe(
      "outbound_scheme_refused",
    );
    expect(b.connections).toBe(bBefore);

    // When the policy allows the target, the redirect is followed: the refusal above was the re-check.
    const followed = await outboundFetch(`http://127.0.0.1:${a.port}/to-inner`, { resolve: fakeResolver, allowPrivate: true });
    expect(followed.text()).toBe("b's secret");
    expect(followed.url).toBe(`http://inner.test:${a.port}/secret`);
    expect(b.connections).toBe(bBefore + 1);
  });

  it("when redirects go on, then at most maxRedirects are followed and the next is answered as is; 303 turns a POST into a GET", async () => {
    const hits = a.hits.length;
    const res = await outboundFetch(`http://127.0.0.1:${a.port}/loop`, { resolve: noResolve, allowPrivate: true, maxRedirects: 3 });
    expect(res.status).toBe(302);
    expect(a.hits.length - hits).toBe(4);
    const none = await outboundFetch(`http://127.0.0.1:${a.port}/to-b`, { resolve: noResolve, allowPrivate: true, maxRedirects: 0 });
    expect(none.status).toBe(302);
    const post = await outboundFetch(`http://127.0.0.1:${a.port}/see-other`, {
      resolve: noResolve,
      allowPrivate: true,
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(post.json()).toEqual({ from: "a", path: "/plain", method: "GET" });
  });

  it("when an answer is larger than maxBytes, with or without Content-Length, then the request fails with outbound.too_large", async () => {
    expect(await codeOf(outboundFetch(`http://127.0.0.1:${a.port}/big`, { resolve: noResolve, allowPrivate: true }))).toBe(
      "outbound_too_large",
    );
    expect(
      await codeOf(outboundFetch(`http://127.0.0.1:${a.port}/big-chunked`, { resolve: noResolve, allowPrivate: true, maxBytes: 1 << 20 })),
    ).toBe("outbound_too_large");
    const small = await outboundFetch(`http://127.0.0.1:${a.port}/plain`, { resolve: noResolve, allowPrivate: true, maxBytes: 100 });
    expect(small.status).toBe(200);
  });

  it("when a server does not answer, or drips its answer, then the request fails at the deadline with outbound.timeout", async () => {
    for (const path of ["/hang", "/drip"]) {
      const started = Date.now();
      expect(
        await codeOf(outboundFetch(`http://127.0.0.1:${a.port}${path}`, { resolve: noResolve, allowPrivate: true, timeoutMs: 300 })),
      ).toBe("outbound_timeout");
      expect(Date.now() - started).toBeLessThan(3000);
    }
  });

  it("when a request fails, then its error names the host only, never the query (tokens live there)", async () => {
    try {
      await outboundFetch(`http://127.0.0.1:${a.port}/hang?access_token=sekrit`, {
        resolve: noResolve,
        allowPrivate: true,
        timeoutMs: 100,
      });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain("sekrit");
      expect((e as Error).message).toContain("127.0.0.1");
    }
    try {
      await outboundFetch(`http://127.0.0.1:${a.port}/plain?access_token=sekrit`, { resolve: noResolve });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain("sekrit");
    }
  });
});

/** A throwaway self-signed certificate for vendor.test, made by openssl where it is installed. */
function selfSigned(): { key: Buffer; cert: Buffer } | null {
  const dir = mkdtempSync(join(tmpdir(), "leadhub-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
        "-days",
        "1",
        "-subj",
        "/CN=vendor.test",
        "-addext",
        "subjectAltName=DNS:vendor.test",
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const tls = selfSigned();

describe.skipIf(!tls)("https through the guard (loopback only)", () => {
  it("when a name is pinned to its checked address, then TLS still sends the name (SNI) and verifies the certificate against it", async () => {
    const names: string[] = [];
    const server = createTlsServer(
      {
        ...tls!,
        SNICallback: (name, cb) => {
          names.push(name);
          cb(null, createSecureContext(tls!));
        },
      },
      (_req, res) => res.end("ok"),
    );
    let connections = 0;
    server.on("connection", () => connections++);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    try {
      const resolve: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
      // The certificate is self-signed: refused, which shows verification is on and ran against vendor.test.
      const err = await outboundFetch(`https://vendor.test:${port}/`, { resolve, allowPrivate: true }).catch((e) => e as AppError);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("outbound_network");
      expect((err as AppError).message).toMatch(/SELF_SIGNED|CERT/);
      expect(names).toEqual(["vendor.test"]);
      expect(connections).toBe(1);
    } finally {
      await new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
    }
  });
});
