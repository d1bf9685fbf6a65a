import type { Request, Response } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { RedisStore, type RedisReply } from "rate-limit-redis";
import type { Services } from "../../core/services.ts";

/** Who is trying: the caller's IP (an IPv6 caller by its /56) and the email asked for, case-folded. */
export function loginKey(req: Request): string {
  const email = typeof req.body?.email === "string" ? req.body.email.trim().toLowerCase().slice(0, 320) : "";
  return `${ipKeyGenerator(req.ip ?? "")}:${email}`;
}

/**
 * Guessing passwords: after `loginRate.limit` attempts for one email from one IP within the window,
 * 429 with Retry-After until the window ends. Counted in Redis under the queue prefix, so the limit
 * holds across API processes; the login route resets the count on a success, so what is counted is
 * failures since the last good login. Only attempts that are well-formed (`isAttempt`) count: a
 * malformed body guesses nothing and is answered 4xx without a password check anyway. If Redis is
 * away, logins pass rather than fail.
 */
export function loginLimiter(services: Services, isAttempt: (req: Request) => boolean) {
  const redis = services.queues.connection;
  const { limit, windowMs } = services.config.loginRate;
  return rateLimit({
    windowMs,
    limit,
    keyGenerator: loginKey,
    skip: (req) => !isAttempt(req),
    store: new RedisStore({
      prefix: `${services.config.queuePrefix}:rl:login:`,
      sendCommand: (...args: string[]) => redis.call(args[0], ...args.slice(1)) as Promise<RedisReply>,
    }),
    standardHeaders: "draft-7",
    legacyHeaders: false,
    passOnStoreError: true,
    handler: (_req: Request, res: Response) => {
      res.status(429).json({
        error: { code: "too_many_login_attempts", message: "too many failed logins for this email; retry after the time in Retry-After" },
      });
    },
  });
}
