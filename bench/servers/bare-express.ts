/**
 * The naive stack: express.json and one INSERT per request through a pg Pool, into the same
 * inbound_events table, answering 202 {id}. No auth, no validation, no queue: the floor to beat.
 */
import express from "express";
import pg from "pg";
import { randomUUID } from "node:crypto";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const tenantId = process.env.BENCH_TENANT_ID ?? null;
const partnerId = process.env.BENCH_PARTNER_ID ?? null;

const app = express();
app.use(express.json());
app.get("/healthz", async (_req, res) => {
  await pool.query("SELECT 1");
  res.json({ status: "ok" });
});
app.post("/ingest/leads", async (req, res) => {
  const id = randomUUID();
  await pool.query(
    `INSERT INTO inbound_events (id, tenant_id, channel, format, partner_id, payload, content_type, remote_ip)
     VALUES ($1, $2, 'api', 'canonical', $3, $4, $5, $6)`,
    [id, tenantId, partnerId, JSON.stringify(req.body), req.headers["content-type"] ?? null, req.ip ?? null],
  );
  res.status(202).json({ id });
});

const server = app.listen(Number(process.env.PORT), "127.0.0.1");
const stop = async () => {
  server.close();
  server.closeAllConnections();
  await pool.end();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
