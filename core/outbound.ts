import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { AppError, unprocessable } from "./errors.ts";

/**
 * The one guard for requests the server makes on someone's say-so (webhook subscriptions, vendor
 * base URLs): which addresses it may call, and how. Every server-side request goes through
 * `outboundFetch`; nothing else in leadhub calls fetch or http.request for a URL a user gave.
 */

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface OutboundOptions {
  /** OUTBOUND_ALLOW_PRIVATE: every address is allowed (local fakes in development and tests). */
  allowPrivate?: boolean;
  /** Decides instead of the ranges below; tests use it to call one loopback address "public". */
  allowAddress?: (address: string) => boolean;
  /** Name resolution; the system resolver unless a test swaps it. */
  resolve?: Resolver;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** One deadline for the whole call: lookups, redirects, and reading the answer. */
  timeoutMs?: number;
  /** Answers longer than this fail with outbound.too_large. */
  maxBytes?: number;
  /** Redirects followed, each target checked like the first; the next one is answered as is. */
  maxRedirects?: number;
  /** False: the status and headers are enough, the body is not read (webhook receivers). */
  readBody?: boolean;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Where the answer came from, after redirects. */
  url: string;
  body: Buffer;
  text(): string;
  json(): unknown;
}

export interface Target {
  url: URL;
  /** Every address the name resolved to, each one checked: the socket gets only these. */
  addresses: { address: string; family: number }[];
}

export const OUTBOUND_DEFAULTS = { timeoutMs: 10_000, maxBytes: 1 << 20, maxRedirects: 3 } as const;

const fail = (code: string, message: string) => new AppError("upstream", `outbound_${code}`, message);

/** RFC 6761 §6.3: localhost names are loopback whatever DNS says; refused without asking it. */
const isLocalhostName = (host: string) => /(^|\.)localhost\.?$/i.test(host);

/**
 * The range an address falls in: "public", or the name of the range that keeps it out (loopback,
 * private, linkLocal, uniqueLocal, reserved …). IPv6 forms that carry an IPv4 address the socket
 * would reach (mapped, NAT64 64:ff9b::/96, 6to4) are judged by that IPv4 address.
 */
export function addressRange(ip: string): string {
  if (!ipaddr.isValid(ip)) return "invalid";
  const addr = ipaddr.parse(ip);
  if (addr.kind() === "ipv4") {
    const range = (addr as ipaddr.IPv4).range();
    return range === "unicast" ? "public" : range;
  }
  const v6 = addr as ipaddr.IPv6;
  const range = v6.range();
  const p = v6.parts;
  const embedded = (hi: number, lo: number) => addressRange(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  if (range === "ipv4Mapped") return embedded(p[6], p[7]);
  // 64:ff9b::/96 only; the local-use 64:ff9b:1::/48 (RFC 8215) is a private network's own.
  if (range === "rfc6052") return p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0 ? embedded(p[6], p[7]) : "nat64LocalUse";
  if (range === "6to4") return embedded(p[1], p[2]);
  if (range !== "unicast") return range;
  // ::a.b.c.d (IPv4-compatible, RFC 4291 §2.5.5.1, deprecated): nobody's public address.
  if (p.slice(0, 6).every((x) => x === 0)) return "ipv4Compatible";
  // Only 2000::/3 is handed out as global unicast; the rest is unassigned.
  return (p[0] & 0xe000) === 0x2000 ? "public" : "unassigned";
}

function invalidUrl(raw: string | URL): URL {
  try {
    return new URL(raw);
  } catch {
    throw fail("invalid_url", "not a valid URL");
  }
}

/** Scheme and userinfo of a URL a request is about to go to. */
function checkShape(url: URL): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw fail("scheme_refused", `refused: ${url.protocol} is not http or https`);
  if (url.username || url.password) throw fail("userinfo_refused", `refused: ${url.hostname} is given with a user and password`);
}

/**
 * Resolves a URL's host and checks every address, without connecting: what `outboundFetch`
 * connects to is exactly what this answered. The WHATWG parser has already turned 2130706433,
 * 0x7f.1, 017700000001 and 127.1 into 127.0.0.1, and kept IPv6 literals in brackets.
 */
export async function checkTarget(raw: string | URL, opts: OutboundOptions = {}): Promise<Target> {
  const url = invalidUrl(raw);
  checkShape(url);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const allowed = opts.allowAddress ?? ((ip: string) => opts.allowPrivate === true || addressRange(ip) === "public");
  const hint = opts.allowAddress ? "" : "; set OUTBOUND_ALLOW_PRIVATE to allow it";
  if (ipaddr.isValid(host)) {
    if (!allowed(host)) throw fail("address_refused", `refused: ${host} is a ${addressRange(host)} address${hint}`);
    return { url, addresses: [{ address: host, family: host.includes(":") ? 6 : 4 }] };
  }
  if (isLocalhostName(host) && !opts.allowPrivate && !opts.allowAddress)
    throw fail("address_refused", `refused: ${host} is a loopback name${hint}`);
  let addresses: { address: string; family: number }[];
  try {
    addresses = await (opts.resolve ?? systemResolve)(host);
  } catch (err) {
    throw fail("unresolved", `${host} could not be resolved (${(err as { code?: string }).code ?? "lookup failed"})`);
  }
  if (!addresses.length) throw fail("unresolved", `${host} has no address`);
  // One refused answer refuses the name: the socket could otherwise be handed that one.
  const bad = addresses.find((a) => !allowed(a.address));
  if (bad) throw fail("address_refused", `refused: ${host} resolves to a ${addressRange(bad.address)} address (${bad.address})${hint}`);
  return { url, addresses };
}

const systemResolve: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/** Hands the socket the checked addresses, and only those: no second lookup to rebind. */
function pinnedLookup(addresses: Target["addresses"]): LookupFunction {
  return ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (options?.all) cb(null, addresses);
    else cb(null, addresses[0].address, addresses[0].family);
  }) as unknown as LookupFunction;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A request through the guard: the host is resolved once and every address checked, the socket
 * connects to a checked address (Host header and TLS SNI stay the name), redirects are followed by
 * hand and re-checked, and one deadline and a size cap bound the whole call. Errors name the host,
 * never the URL: query strings carry tokens.
 */
export async function outboundFetch(raw: string | URL, opts: OutboundOptions = {}): Promise<OutboundResponse> {
  const timeoutMs = opts.timeoutMs ?? OUTBOUND_DEFAULTS.timeoutMs;
  const maxRedirects = opts.maxRedirects ?? OUTBOUND_DEFAULTS.maxRedirects;
  const deadline = AbortSignal.timeout(timeoutMs);
  let method = (opts.method ?? "GET").toUpperCase();
  let body = opts.body;
  let headers = { ...opts.headers };
  let url = invalidUrl(raw);
  for (let hop = 0; ; hop++) {
    const target = await untilDeadline(checkTarget(url, opts), deadline, url, timeoutMs);
    const res = await send(target, { method, headers, body, opts, deadline, timeoutMs, lastHop: hop >= maxRedirects });
    if (!("redirect" in res)) return res;
    const next = new URL(res.redirect, url);
    // Fetch's rules (WHATWG Fetch §4.4): 303, and 301/302 after a POST, go on as a GET without a body.
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
      method = "GET";
      body = undefined;
      headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^content-/i.test(k)));
    }
    if (next.origin !== url.origin)
      headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^(authorization|cookie)$/i.test(k)));
    url = next;
  }
}

async function untilDeadline<T>(p: Promise<T>, deadline: AbortSignal, url: URL, timeoutMs: number): Promise<T> {
  if (deadline.aborted) throw timedOut(url, timeoutMs);
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(timedOut(url, timeoutMs));
    deadline.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([p, aborted]);
  } finally {
    deadline.removeEventListener("abort", onAbort);
  }
}

const timedOut = (url: URL, ms: number) => fail("timeout", `${url.hostname} did not answer within ${ms} ms`);

interface Send {
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  opts: OutboundOptions;
  deadline: AbortSignal;
  timeoutMs: number;
  lastHop: boolean;
}

function send(target: Target, s: Send): Promise<OutboundResponse | { redirect: string; status: number }> {
  const { url } = target;
  const maxBytes = s.opts.maxBytes ?? OUTBOUND_DEFAULTS.maxBytes;
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (err: Error | null, value?: OutboundResponse | { redirect: string; status: number }) => {
      if (settled) return;
      settled = true;
      s.deadline.removeEventListener("abort", onAbort);
      if (err) reject(err);
      else resolve(value!);
    };
    const req = (url.protocol === "https:" ? https : http).request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: s.method,
      headers: { ...s.headers, ...(s.body !== undefined ? { "content-length": String(Buffer.byteLength(s.body)) } : {}) },
      lookup: pinnedLookup(target.addresses),
      // A pooled socket was connected for some other check: each request gets its own.
      agent: false,
    });
    const onAbort = () => {
      req.destroy();
      done(timedOut(url, s.timeoutMs));
    };
    if (s.deadline.aborted) return onAbort();
    s.deadline.addEventListener("abort", onAbort, { once: true });
    req.on("error", (err: NodeJS.ErrnoException) => done(fail("network", `${url.hostname}: ${err.code ?? "request failed"}`)));
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status) && location && !s.lastHop) {
        res.resume();
        req.destroy();
        return done(null, { redirect: location, status });
      }
      const answer = (body: Buffer): OutboundResponse => ({
        status,
        headers: res.headers,
        url: url.href,
        body,
        text: () => body.toString("utf8"),
        json: () => JSON.parse(body.toString("utf8")),
      });
      if (s.opts.readBody === false) {
        req.destroy();
        return done(null, answer(Buffer.alloc(0)));
      }
      const tooLarge = () => {
        req.destroy();
        done(fail("too_large", `${url.hostname} answered more than ${maxBytes} bytes`));
      };
      if (Number(res.headers["content-length"]) > maxBytes) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) return tooLarge();
        chunks.push(c);
      });
      res.on("end", () => done(null, answer(Buffer.concat(chunks))));
      res.on("error", (err: NodeJS.ErrnoException) => done(fail("network", `${url.hostname}: ${err.code ?? "answer cut short"}`)));
    });
    req.end(s.body);
  });
}

/**
 * A vendor API URL from a base (a setting) and path segments, each encoded and none a dot
 * segment, so neither the base nor an id can steer the request to another path. A base with a
 * query, fragment or user (saved before they were refused) is refused here too.
 */
export function vendorUrl(base: string, segments: string[], query: Record<string, string>): URL {
  const url = invalidUrl(base);
  checkShape(url);
  if (/[?#]/.test(url.href)) throw fail("invalid_url", `the base URL for ${url.hostname} carries a query or fragment`);
  if (segments.some((s) => s === "." || s === "..")) throw fail("invalid_url", "a path segment is a dot segment");
  url.pathname = url.pathname.replace(/\/+$/, "") + segments.map((s) => `/${encodeURIComponent(s)}`).join("");
  url.search = new URLSearchParams(query).toString();
  return url;
}

export interface SavedUrlRules {
  allowPrivate: boolean;
  /** https only (http allowed when private addresses are, for local fakes). */
  requireHttps: boolean;
  /** A base URL: no query and no fragment, not even an empty one. */
  bare: boolean;
}

/**
 * Checks a URL saved now for requests made later, without resolving it (DNS may change by then:
 * `outboundFetch` checks again at each request). Throws 422 invalid_url naming the field.
 */
export function assertSavedUrl(field: string, raw: string, rules: SavedUrlRules): void {
  const refuse = (why: string) => unprocessable("invalid_url", `${field} ${why}`, { field });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse("is not a URL");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && (!rules.requireHttps || rules.allowPrivate))) {
    throw refuse(rules.requireHttps ? "must be an https URL" : "must be an http or https URL");
  }
  if (url.username || url.password) throw refuse("must not carry a user or password");
  if (rules.bare && /[?#]/.test(url.href)) throw refuse("must not carry a query (?) or fragment (#)");
  if (rules.allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isLocalhostName(host)) throw refuse("points at this machine (localhost)");
  if (ipaddr.isValid(host) && addressRange(host) !== "public") throw refuse(`points at a ${addressRange(host)} address`);
}
