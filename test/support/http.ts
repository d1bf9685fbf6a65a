import { request, type Agent, type IncomingHttpHeaders } from "node:http";

export interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP exchange over node:http, not fetch: the test picks the agent (and so the sockets) and sends any bytes. */
export function exchange(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array },
  agent: Agent | false,
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? "POST", headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}
