import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeVendor {
  url: string;
  requests: { method: string; url: string }[];
  close(): Promise<void>;
}

/** A local stand-in for a vendor API (Meta Graph, IndiaMART pull): answers by path, records calls. */
export async function fakeVendor(answer: (req: IncomingMessage) => { status: number; body: unknown }): Promise<FakeVendor> {
  const requests: FakeVendor["requests"] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? "GET", url: req.url ?? "" });
    const { status, body } = answer(req);
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
