import { isWebUrl } from "../../core/schemas.ts";
import { HTTP_STATUS } from "../errors.ts";
import express, { Router, type Request, type Response } from "express";
import { rateLimit } from "express-rate-limit";
import { RedisStore, type RedisReply } from "rate-limit-redis";
import type { Services } from "../../core/services.ts";
import { sha256 } from "../../core/crypto.ts";
import { AppError } from "../../core/errors.ts";
import { adaptFormSubmission } from "../../core/capture/web-form.ts";
import { contactProblem, parseOrReject, storeRejected, tryAdapt } from "./accept.ts";
import type { EventWriter } from "./event-writer.ts";
import { hostedFormPage, thankYouPage } from "./hosted-form.ts";
import type { FormSource, SourceLookup } from "./source-lookup.ts";

/** A browser's own form post (no JS) wants a page; fetch/XHR callers ask for JSON. */
const wantsJson = (req: Request) => req.accepts(["html", "json"]) === "json" || req.xhr || /json/.test(req.headers["content-type"] ?? "");

function allowOrigin(req: Request, res: Response, form: FormSource, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  const own = new URL(publicUrl).origin;
  const ok =
    origin === own || form.allowedOrigins.length === 0 || form.allowedOrigins.includes("*") || form.allowedOrigins.includes(origin);
  if (ok) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Vary", "Origin");
  }
  return ok;
}

const problemPage = (message: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Please check the form</title>` +
  `<p role="alert">${message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p><p>Please go back, correct it and send the form again.</p></html>`;

export function formRoutes(services: Services, writer: EventWriter, sources: SourceLookup) {
  const ingest = Router();
  const pages = Router();
  const redis = services.queues.connection;
  // Redis-backed so a limit holds across API replicas; if Redis is away, requests pass rather than fail.
  const store = (prefix: string) =>
    new RedisStore({
      prefix: `${services.config.queuePrefix}:rl:${prefix}:`,
      sendCommand: (...args: string[]) => redis.call(args[0], ...args.slice(1)) as Promise<RedisReply>,
    });
  const limitError = (_req: Request, res: Response) => {
    res.status(429).json({ error: { code: "rate_limited", message: "too many submissions; retry after the time in Retry-After" } });
  };
  const perIp = rateLimit({
    windowMs: 60_000,
    limit: services.config.formRate.perIpPerMinute,
    keyGenerator: (req) => `${req.params.key}:${req.ip}`,
    store: store("ip"),
    standardHeaders: "draft-7",
    legacyHeaders: false,
    passOnStoreError: true,
    handler: limitError,
    validate: { keyGeneratorIpFallback: false },
  });
  const perForm = rateLimit({
    windowMs: 60_000,
    limit: services.config.formRate.perFormPerMinute,
    keyGenerator: (req) => String(req.params.key),
    store: store("form"),
    standardHeaders: "draft-7",
    legacyHeaders: false,
    passOnStoreError: true,
    handler: limitError,
  });
  const raw = express.raw({ type: () => true, limit: services.config.ingestMaxBody });

  ingest.options("/:key", async (req, res) => {
    const form = await sources.form(String(req.params.key));
    if (!allowOrigin(req, res, form, services.config.publicUrl))
      throw new AppError("forbidden", "origin_not_allowed", "this origin may not post to the form");
    res.setHeader("Access-Control-Allow-Methods", "POST");
    res.setHeader("Access-Control-Allow-Headers", "Content-Type, Accept");
    res.setHeader("Access-Control-Max-Age", "600");
    res.status(204).end();
  });

  ingest.post("/:key", perIp, perForm, raw, async (req, res) => {
    const form = await sources.form(String(req.params.key));
    if (!allowOrigin(req, res, form, services.config.publicUrl))
      throw new AppError("forbidden", "origin_not_allowed", "this origin may not post to the form");
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const base = {
      tenantId: form.tenantId,
      channel: "form" as const,
      format: "form",
      partnerId: null,
      apiKeyId: null,
      formId: form.id,
      idempotencyKey: null,
      bodyHash: sha256(body),
      payload: null as unknown,
      raw: null,
      contentType: req.headers["content-type"]?.slice(0, 200) ?? null,
      remoteIp: req.ip ?? null,
    };
    const parsed = await parseOrReject(writer, base, body, req.headers["content-type"], ["form", "multipart", "json"]);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return storeRejected(
        writer,
        { ...base, raw: body.toString("utf8").slice(0, 100_000) },
        { kind: "bad_request", code: "invalid_body", message: "a form submission is a set of fields" },
      );
    }
    const payload = parsed as Record<string, unknown>;
    if (!payload.referrer && req.headers.referer) payload.referrer = req.headers.referer.slice(0, 2000);

    const missing = form.fields.filter((f) => f.required && !String(payload[f.name] ?? "").trim()).map((f) => f.name);
    const outcome = tryAdapt(() => adaptFormSubmission(payload, form));
    const spam = "adapted" in outcome && (outcome.adapted as { spam?: boolean }).spam === true;
    // A bot that filled the honeypot hears the same answer as a person: nothing tells it it was caught.
    if (!spam) {
      const problem = missing.length
        ? { kind: "invalid" as const, code: "missing_field", message: `required: ${missing.join(", ")}`, details: { fields: missing } }
        : "problem" in outcome
          ? outcome.problem
          : contactProblem(outcome.adapted, form.region, { badEmail: "refuse" });
      if (problem) {
        if (wantsJson(req)) return storeRejected(writer, { ...base, payload }, problem);
        await storeRejected(writer, { ...base, payload }, problem).catch(() => {});
        return res.status(HTTP_STATUS[problem.kind]).type("html").send(problemPage(problem.message));
      }
    }
    const { id } = await writer.write({ ...base, payload });
    const message = form.thankYouMessage ?? "Thank you! We will be in touch shortly.";
    if (wantsJson(req)) return res.status(202).json({ id, message });
    // Checked at save too; a row from before that check never sends a browser to a script.
    res.redirect(303, form.redirectUrl && isWebUrl(form.redirectUrl) ? form.redirectUrl : `/forms/${form.key}/thanks`);
  });

  pages.get("/:key", async (req, res) => {
    const form = await sources.form(String(req.params.key));
    res.setHeader(
      "Content-Security-Policy",
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self'; base-uri 'none'",
    );
    res.type("html").send(hostedFormPage(form));
  });
  pages.get("/:key/thanks", async (req, res) => {
    res.type("html").send(thankYouPage(await sources.form(String(req.params.key))));
  });
  return { ingest, pages };
}
