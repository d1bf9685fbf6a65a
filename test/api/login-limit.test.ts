import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";

let a: Stack;
let b: Stack;
beforeAll(async () => {
  a = await startStack();
  // A second API process on the same Redis (same queue prefix), as behind a load balancer.
  b = await startStack({ queuePrefix: a.services.config.queuePrefix });
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

let ipCounter = 0;
/** A fresh client address per scenario (the app trusts X-Forwarded-For from loopback only, as behind a local proxy). */
const newIp = () => `203.0.113.${++ipCounter}`;
const login = (stack: Stack, ip: string, email: string, password: string) =>
  fetch(`${stack.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ email, password }),
  });
const fail = async (stack: Stack, ip: string, email: string, times: number) => {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await login(stack, ip, email, `wrong-${i}`)).status);
  return statuses;
};

describe("login rate limit", () => {
  it("when 10 logins for one email fail from one IP, then the 11th is 429 with Retry-After and a JSON code, even with the right password", async () => {
    const ip = newIp();
    expect(await fail(a, ip, a.adminEmail, 10)).toEqual(Array(10).fill(401));
    const limited = await login(a, ip, a.adminEmail, a.adminPassword);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await limited.json()).toEqual({ error: { code: "too_many_login_attempts", message: expect.any(String) } });
    // Case and spaces do not make another email.
    expect((await login(a, ip, ` ${a.adminEmail.toUpperCase()} `, a.adminPassword)).status).toBe(429);

    // Only that IP and that email: the same email from elsewhere, and another email from there, still get in or get 401.
    expect((await login(a, newIp(), a.adminEmail, a.adminPassword)).status).toBe(200);
    expect((await login(a, ip, b.adminEmail, "wrong")).status).toBe(401);
    expect((await login(a, ip, b.adminEmail, b.adminPassword)).status).toBe(200);
  });

  it("when bodies are malformed, then they are answered 4xx as ever and count toward no limit", async () => {
    const ip = newIp();
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${a.baseUrl}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": ip },
        body: JSON.stringify({ email: a.adminEmail }),
      });
      expect(res.status).toBe(422);
    }
    expect((await login(a, ip, a.adminEmail, a.adminPassword)).status).toBe(200);
  });

  it("when the failures are spread over two API processes, then they add up in Redis under the queue prefix", async () => {
    const ip = newIp();
    expect(await fail(a, ip, a.adminEmail, 5)).toEqual(Array(5).fill(401));
    expect(await fail(b, ip, a.adminEmail, 5)).toEqual(Array(5).fill(401));
    expect((await login(a, ip, a.adminEmail, a.adminPassword)).status).toBe(429);
    expect((await login(b, ip, a.adminEmail, a.adminPassword)).status).toBe(429);
    const keys = await a.services.queues.connection.keys(`${a.services.config.queuePrefix}:rl:login:*`);
    expect(keys).toContain(`${a.services.config.queuePrefix}:rl:login:${ip}:${a.adminEmail.toLowerCase()}`);
  });

  it("when a login succeeds, then the failures before it no longer count", async () => {
    const ip = newIp();
    expect(await fail(a, ip, b.adminEmail, 9)).toEqual(Array(9).fill(401));
    expect((await login(a, ip, b.adminEmail, b.adminPassword)).status).toBe(200);
    // A fresh allowance of 10 failures, then the limit again.
    expect(await fail(b, ip, b.adminEmail, 10)).toEqual(Array(10).fill(401));
    expect((await login(b, ip, b.adminEmail, "wrong")).status).toBe(429);
  });
});
