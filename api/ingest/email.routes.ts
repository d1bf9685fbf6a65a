import express, { Router } from "express";
import type { Services } from "../../core/services.ts";
import { sha256 } from "../../core/crypto.ts";
import { AppError } from "../../core/errors.ts";
import { partnerAuth } from "../auth/partner-key.ts";
import type { EventWriter } from "./event-writer.ts";

/** Mail carries attachments: a larger cap than a JSON lead. */
export const MAX_EMAIL_BYTES = 15 * 1024 * 1024;

/** The stored form of a raw message: latin1 maps bytes 1:1, so any charset survives the round trip. */
export const rawMessageText = (message: Buffer) => message.toString("latin1");

/**
 * `POST /ingest/email`: a raw RFC 5322 message (Content-Type: message/rfc822) with the partner key,
 * e.g. from a mail provider's inbound-parse webhook. The message is stored whole and read by intake.
 */
export function emailRoutes(services: Services, writer: EventWriter): Router {
  const r = Router();
  r.post("/", partnerAuth(services), express.raw({ type: () => true, limit: MAX_EMAIL_BYTES }), async (req, res) => {
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "message/rfc822")
      throw new AppError("unsupported_media_type", "unsupported_media_type", "send the raw message with Content-Type: message/rfc822");
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (body.length === 0 || !/^[\x21-\x39\x3b-\x7e]+:/m.test(body.subarray(0, 4096).toString("latin1"))) {
      throw new AppError("bad_request", "invalid_message", "the body is not an RFC 5322 message (no header lines)");
    }
    const p = req.partner!;
    const { id } = await writer.write({
      tenantId: p.tenantId,
      channel: "email",
      format: "email",
      partnerId: p.partnerId,
      apiKeyId: p.apiKeyId,
      idempotencyKey: req.header("idempotency-key")?.slice(0, 255) ?? null,
      bodyHash: sha256(body),
      payload: null,
      raw: rawMessageText(body),
      contentType: "message/rfc822",
      remoteIp: req.ip ?? null,
    });
    res.status(202).json({ id });
  });
  return r;
}
