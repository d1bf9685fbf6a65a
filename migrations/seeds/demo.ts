import type { Knex } from "knex";
import { createHash } from "node:crypto";
import type { Logger } from "../../core/logger.ts";
import { encrypt, newSigningSecret } from "../../core/crypto.ts";
import { hashPassword } from "../../core/passwords.ts";
import { reserveLeadNumbers } from "../../core/lead/numbers.ts";
import { canonicalEmail, nationalNumber, normalizeCompany, normalizePhone, normalizeEmail } from "../../core/lead/normalize.ts";
import { dedupColumns } from "../../core/dedup/columns.ts";
import { matchKeys, type LeadLike } from "../../core/dedup/keys.ts";
import { scoreCandidates } from "../../core/dedup/score.ts";
import { bumpRuleVersion, loadScoringRules } from "../../core/rules/rule-sets.ts";
import { compileScoringRules, scoreOf } from "../../core/scoring/score.ts";

export const DEMO_PASSWORD = "demo-password-1";
const LEADS = 312;
const DAY = 86_400_000;

/** mulberry32: a tiny seeded PRNG, so every install gets the same demo data (stable screenshots). */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const weighted = <T extends string>(w: Record<T, number>): T => {
    let r = next() * Object.values<number>(w).reduce((s, x) => s + x, 0);
    for (const [k, x] of Object.entries<number>(w)) if ((r -= x) < 0) return k as T;
    return Object.keys(w)[0] as T;
  };
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join("");
  return { next, int, pick, weighted, digits, chance: (p: number) => next() < p };
}

/** Ids derived from the tenant, so they are stable for it and never collide with another tenant's. */
const idFor = (tenantId: string, kind: string, i: number) => {
  const h = createHash("sha256").update(`${tenantId}:${kind}:${i}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const MALE = [
  "Rahul",
  "Amit",
  "Vikram",
  "Arjun",
  "Rohan",
  "Karan",
  "Siddharth",
  "Aditya",
  "Nikhil",
  "Sanjay",
  "Rajesh",
  "Suresh",
  "Manoj",
  "Deepak",
  "Harish",
  "Prakash",
  "Venkatesh",
  "Srinivas",
  "Mohammed",
  "Imran",
  "Gurpreet",
  "Abhishek",
  "Vivek",
  "Kunal",
  "Yash",
  "Pranav",
];
const FEMALE = [
  "Priya",
  "Ananya",
  "Sneha",
  "Kavya",
  "Pooja",
  "Neha",
  "Divya",
  "Shreya",
  "Aishwarya",
  "Meera",
  "Lakshmi",
  "Deepa",
  "Swati",
  "Ritu",
  "Nisha",
  "Ayesha",
  "Simran",
  "Ishita",
  "Tanvi",
  "Harpreet",
];
const SURNAMES = [
  "Sharma",
  "Verma",
  "Patil",
  "Deshmukh",
  "Kulkarni",
  "Joshi",
  "Iyer",
  "Nair",
  "Menon",
  "Reddy",
  "Rao",
  "Naidu",
  "Gupta",
  "Agarwal",
  "Singh",
  "Chauhan",
  "Mehta",
  "Shah",
  "Patel",
  "Desai",
  "Banerjee",
  "Chatterjee",
  "Das",
  "Khan",
  "Shaikh",
  "Kapoor",
  "Malhotra",
  "Bhatia",
  "Pillai",
  "Krishnan",
  "Gowda",
  "Hegde",
  "Jain",
];
/** Devanagari as people type it on Hindi and Marathi forms, with the Latin spelling of their email. */
const DEVA_FIRST = [
  ["राहुल", "rahul"],
  ["प्रिया", "priya"],
  ["अमित", "amit"],
  ["सुनीता", "sunita"],
  ["विकास", "vikas"],
  ["अनिता", "anita"],
  ["संजय", "sanjay"],
  ["मीनाक्षी", "meenakshi"],
  ["गणेश", "ganesh"],
  ["स्नेहा", "sneha"],
  ["रोहित", "rohit"],
  ["पूजा", "pooja"],
] as const;
const DEVA_LAST = [
  ["पाटील", "patil", "mr"],
  ["देशमुख", "deshmukh", "mr"],
  ["कुलकर्णी", "kulkarni", "mr"],
  ["पवार", "pawar", "mr"],
  ["जोशी", "joshi", "mr"],
  ["शर्मा", "sharma", "hi"],
  ["वर्मा", "verma", "hi"],
  ["गुप्ता", "gupta", "hi"],
  ["सिंह", "singh", "hi"],
  ["यादव", "yadav", "hi"],
] as const;
/** Buyers and buyers' companies abroad (NRIs among them): country, phone region, cities with their dialling prefix. */
const ABROAD: { country: string; region: string; n: number; cities: [string, string, string][]; names: [string, string][] }[] = [
  {
    country: "United Kingdom",
    region: "GB",
    n: 9,
    cities: [
      ["London", "England", "+44 7"],
      ["Leicester", "England", "+44 7"],
      ["Manchester", "England", "+44 7"],
    ],
    names: [
      ["Emily", "Clarke"],
      ["James", "Wilson"],
      ["Oliver", "Taylor"],
      ["Sophie", "Evans"],
      ["Harjit", "Sandhu"],
      ["Nikhil", "Patel"],
    ],
  },
  {
    country: "United Arab Emirates",
    region: "AE",
    n: 8,
    cities: [
      ["Dubai", "Dubai", "+971 5"],
      ["Abu Dhabi", "Abu Dhabi", "+971 5"],
    ],
    names: [
      ["Ahmed", "Al Mansoori"],
      ["Mariam", "Al Hashimi"],
      ["Rajiv", "Menon"],
      ["Sunil", "Nair"],
      ["Joseph", "Kurian"],
      ["Farah", "Siddiqui"],
    ],
  },
  {
    country: "Singapore",
    region: "SG",
    n: 7,
    cities: [["Singapore", "Singapore", "+65 9"]],
    names: [
      ["Wei Ling", "Tan"],
      ["Jia Hui", "Lim"],
      ["Arun", "Subramaniam"],
      ["Daniel", "Ng"],
      ["Kavitha", "Raj"],
    ],
  },
  {
    country: "United States",
    region: "US",
    n: 7,
    cities: [
      ["San Jose", "California", "+1 408"],
      ["Austin", "Texas", "+1 512"],
      ["Edison", "New Jersey", "+1 732"],
    ],
    names: [
      ["Michael", "Brown"],
      ["Sarah", "Johnson"],
      ["Anjali", "Rao"],
      ["Vikram", "Reddy"],
      ["Jennifer", "Lee"],
    ],
  },
];
/** City, state, GST state code, PIN prefix. */
const CITIES = [
  ["Mumbai", "Maharashtra", "27", "4000"],
  ["Pune", "Maharashtra", "27", "4110"],
  ["Pune", "Maharashtra", "27", "4110"],
  ["Nagpur", "Maharashtra", "27", "4400"],
  ["Bengaluru", "Karnataka", "29", "5600"],
  ["Hyderabad", "Telangana", "36", "5000"],
  ["Chennai", "Tamil Nadu", "33", "6000"],
  ["New Delhi", "Delhi", "07", "1100"],
  ["Gurugram", "Haryana", "06", "1220"],
  ["Noida", "Uttar Pradesh", "09", "2013"],
  ["Ahmedabad", "Gujarat", "24", "3800"],
  ["Kolkata", "West Bengal", "19", "7000"],
  ["Jaipur", "Rajasthan", "08", "3020"],
  ["Kochi", "Kerala", "32", "6820"],
  ["Indore", "Madhya Pradesh", "23", "4520"],
] as const;
const COMPANIES = [
  "Shree Ganesh Engineering",
  "Kaveri Textiles",
  "Nirmal Polymers",
  "Aarav Logistics",
  "Suryoday Pharma",
  "Trimurti Fabricators",
  "Omkar Industries",
  "Bharat Precision Tools",
  "Greenleaf Organics",
  "Quantiva Analytics",
  "Navkar Packaging",
  "Zenith Auto Components",
  "Lotus Healthcare",
  "Pinnacle Infotech",
  "Deccan Steel Traders",
  "Coastal Seafoods Exports",
  "Indus Cloudworks",
  "Meghdoot Electricals",
  "Akshar Chemicals",
  "Sahyadri Agro Foods",
  "Vrindavan Dairy",
  "Konark Cements",
  "Rangoli Garments",
  "Nandi Hydraulics",
];
const SUFFIXES = ["Pvt Ltd", "Pvt. Ltd.", "Private Limited", "LLP", "Ltd", "Enterprises", ""];
const INDUSTRIES = [
  "Manufacturing",
  "Pharmaceuticals",
  "Textiles",
  "Logistics",
  "IT Services",
  "Agriculture",
  "Chemicals",
  "Automotive",
  "Healthcare",
  "Food Processing",
];
const TITLES = [
  "Director",
  "Managing Director",
  "Purchase Manager",
  "Plant Head",
  "Operations Manager",
  "Founder & CEO",
  "Procurement Lead",
  "Admin Manager",
  "CFO",
];
const B2B_PRODUCTS: [string, number, number, string][] = [
  ["Solar rooftop system (50 kW)", 18, 35, "Need a quotation for a 50 kW rooftop solar plant for our factory shed."],
  ["Industrial RO plant (500 LPH)", 3, 8, "Looking for a 500 LPH RO plant with installation and AMC."],
  ["ERP implementation", 12, 60, "We run on spreadsheets and Tally; want ERP for inventory and dispatch."],
  ["Warehouse racking", 6, 25, "Need heavy-duty pallet racking for a 20,000 sq ft warehouse."],
  ["CNC machining (job work)", 2, 12, "Monthly job work for 2,000 aluminium flanges, drawings attached."],
];
const REAL_ESTATE: [string, number, number, string][] = [
  ["2 BHK, Skyline Residences, Baner", 85, 120, "Looking for a 2 BHK ready by next year; please share floor plans and price sheet."],
  ["3 BHK, Skyline Residences, Baner", 130, 220, "Interested in a 3 BHK east-facing flat with two covered parkings."],
  ["Villa plot, Lonavala Greens", 45, 90, "Want to see plots near the clubhouse this weekend."],
  ["Office space, Hinjewadi Tech Park", 150, 600, "Need 3,000 sq ft furnished office space for our IT team."],
  ["4 BHK penthouse, Powai", 400, 700, "NRI buyer, looking for a penthouse with lake view; video call preferred."],
];
const SOURCES = { website: 22, "google-ads": 20, facebook: 15, indiamart: 12, propkart: 8, referral: 8, csv_import: 8, "walk-in": 7 };
type Source = keyof typeof SOURCES;
/** How each source reaches us; the others (referral, CSV, walk-in) are typed in by people. */
const CHANNEL: Partial<Record<Source, "form" | "webhook" | "api">> = {
  website: "form",
  "google-ads": "form",
  facebook: "webhook",
  indiamart: "webhook",
  propkart: "api",
};
const LOST_REASONS = [
  "Budget too low",
  "Bought from a competitor",
  "Not reachable after 5 attempts",
  "Requirement postponed",
  "Location not suitable",
];

const DEMO_USERS = [
  { key: "priya.sharma", name: "Priya Sharma", role: "manager", team: 0, territory: "West", capacity: null },
  { key: "arjun.mehta", name: "Arjun Mehta", role: "rep", team: 0, territory: "Maharashtra", capacity: 60 },
  { key: "sneha.iyer", name: "Sneha Iyer", role: "rep", team: 0, territory: "South", capacity: 60 },
  { key: "rohan.deshmukh", name: "Rohan Deshmukh", role: "rep", team: 1, territory: "Pune", capacity: 80 },
  { key: "fatima.shaikh", name: "Fatima Shaikh", role: "rep", team: 1, territory: "Mumbai", capacity: 80 },
  { key: "ananya.rao", name: "Ananya Rao", role: "marketer", team: null, territory: null, capacity: null },
] as const;

/** A GSTIN with a valid check character (GSTN's mod-36 scheme), for the state the company is in. */
function gstin(r: ReturnType<typeof prng>, stateCode: string): string {
  const A = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"];
  const pan = `${r.pick(A)}${r.pick(A)}${r.pick(A)}C${r.pick(A)}${r.digits(4)}${r.pick(A)}`;
  const body = `${stateCode}${pan}1Z`;
  const chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const p = chars.indexOf(body[i]) * (i % 2 ? 2 : 1);
    sum += Math.floor(p / 36) + (p % 36);
  }
  return body + chars[(36 - (sum % 36)) % 36];
}

/**
 * Believable demo data for a tenant: six people in two teams (B2B and real estate), a partner and
 * ~300 leads from the last 60 days across sources and the whole funnel, with their timelines.
 * Same data on every install; does nothing when the tenant already has leads.
 */
export async function seedDemo(db: Knex, tenantId: string, log: Logger, secretsKey: Buffer, now = new Date()): Promise<void> {
  const started = Date.now();
  const r = prng(20261122);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (trx) => {
    // Two processes booting with LEADHUB_DEMO=1 must not both seed.
    await trx.raw("SELECT pg_advisory_xact_lock(hashtext(?))", [`leadhub.seed-demo:${tenantId}`]);
    if (await trx("leads").where("tenant_id", tenantId).first("id")) return;

    // User emails are unique across tenants: a second demo tenant gets tagged addresses.
    const taken = await trx("users").whereRaw("lower(email) like ?", ["%@demo.leadhub.local"]).first("id");
    const email = (key: string) => (taken ? `${key}+${tenantId.slice(0, 8)}` : key) + "@demo.leadhub.local";
    const stamp = { tenant_id: tenantId, created_at: new Date(now.getTime() - 90 * DAY), updated_at: now };
    const users = DEMO_USERS.map((u, i) => ({ ...u, id: idFor(tenantId, "user", i) }));
    const teams = [
      { id: idFor(tenantId, "team", 0), name: "Enterprise Sales", description: "B2B accounts: manufacturing, pharma, IT" },
      { id: idFor(tenantId, "team", 1), name: "Real Estate – Pune & Mumbai", description: "Residential and commercial projects" },
    ];
    await trx("teams").insert(teams.map((t) => ({ ...t, ...stamp })));
    const hours = {
      mon: [["09:30", "18:30"]],
      tue: [["09:30", "18:30"]],
      wed: [["09:30", "18:30"]],
      thu: [["09:30", "18:30"]],
      fri: [["09:30", "18:30"]],
      sat: [["10:00", "14:00"]],
    };
    await trx("users").insert(
      users.map((u, i) => ({
        id: u.id,
        email: email(u.key),
        name: u.name,
        password_hash: passwordHash,
        role: u.role,
        team_id: u.team === null ? null : teams[u.team].id,
        territory: u.territory,
        capacity: u.capacity,
        working_hours: JSON.stringify(hours),
        time_zone: "Asia/Kolkata",
        phone: `+9198200${String(10001 + i * 1111)}`,
        ...stamp,
      })),
    );
    await trx("teams")
      .whereIn(
        "id",
        teams.map((t) => t.id),
      )
      .update({ manager_id: users[0].id });
    await seedRules(
      trx,
      tenantId,
      teams.map((t) => t.id),
      users[0].id,
    );
    const partnerId = idFor(tenantId, "partner", 0);
    await trx("partners").insert({
      id: partnerId,
      name: "PropKart Listings",
      description: "Property portal: buyer enquiries for our projects, by API",
      signing_secret_enc: encrypt(secretsKey, newSigningSecret()),
      default_source: "propkart",
      ...stamp,
    });

    const reps: Record<"b2b" | "realEstate", typeof users> = {
      b2b: users.filter((u) => u.role === "rep" && u.team === 0),
      realEstate: users.filter((u) => u.role === "rep" && u.team === 1),
    };
    const leads: Record<string, unknown>[] = [];
    const activities: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    const submissions: Record<string, unknown>[] = [];
    const seenEmails = new Set<string>();

    for (let i = 0; i < LEADS; i++) {
      const id = idFor(tenantId, "lead", i);
      const source = r.weighted(SOURCES) as Source;
      const b2b = source === "indiamart" || (source !== "propkart" && source !== "walk-in" && r.chance(source === "facebook" ? 0.15 : 0.5));
      const age = Math.floor(60 * r.next() ** 1.15);
      const createdAt = new Date(now.getTime() - age * DAY - r.int(10, 11 * 60) * 60_000);

      // Who: mostly Indian names, some typed in Devanagari, some buyers and buyers' companies abroad.
      const abroad = r.chance(0.07) ? r.pick(ABROAD) : null;
      const deva = !abroad && r.chance(0.05) ? { first: r.pick(DEVA_FIRST), last: r.pick(DEVA_LAST) } : null;
      const away = abroad ? r.pick(abroad.cities) : null;
      const [first, last] = abroad
        ? r.pick(abroad.names)
        : deva
          ? [deva.first[0], deva.last[0]]
          : [r.pick(r.chance(0.4) ? FEMALE : MALE), r.pick(SURNAMES)];
      // Devanagari forms come from the Hindi and Marathi belt.
      const [city, state, stateCode, pin] = deva ? CITIES[deva.last[2] === "mr" ? r.int(0, 3) : r.pick([7, 9, 12, 14])] : r.pick(CITIES);
      const region = abroad?.region ?? "IN";
      let phoneRaw = "";
      let phone: string | null = null;
      for (let t = 0; !phone && t < 20; t++) {
        const local = abroad
          ? `${away![2]}${r.digits(abroad.n)}`
          : `${r.pick(["98", "99", "97", "96", "94", "90", "88", "87", "81", "79", "70", "63"])}${r.digits(8)}`;
        phoneRaw = abroad
          ? local
          : r.pick([`+91 ${local.slice(0, 5)} ${local.slice(5)}`, `0${local.slice(0, 5)} ${local.slice(5)}`, local, `+91-${local}`]);
        phone = normalizePhone(phoneRaw, region);
      }
      const company = b2b ? `${r.pick(COMPANIES)} ${r.pick(SUFFIXES)}`.trim() : null;
      const ascii = (deva ? `${deva.first[1]}.${deva.last[1]}` : `${first}.${last}`).toLowerCase().replace(/[^a-z.]/g, "");
      const ownDomain = company !== null && r.chance(0.6);
      const domain = ownDomain
        ? `${normalizeCompany(company)!.split(" ").slice(0, 2).join("")}.in`
        : r.pick(["gmail.com", "gmail.com", "yahoo.co.in", "outlook.com", "rediffmail.com", "hotmail.com"]);
      let local = r.chance(0.3) ? ascii.replace(".", "") + r.int(1, 99) : ascii;
      while (seenEmails.has(`${local}@${domain}`)) local += r.int(0, 9);
      seenEmails.add(`${local}@${domain}`);
      const mail = source === "walk-in" && r.chance(0.4) ? null : normalizeEmail(`${local}@${domain}`);

      // What they want, and how far along the funnel they are: older leads have moved further.
      const [product, lo, hi, message] = r.pick(b2b ? B2B_PRODUCTS : REAL_ESTATE);
      const budget = r.int(lo, hi) * 100_000; // lo and hi are in lakh (100,000 INR)
      const status =
        age < 3 && r.chance(0.75)
          ? "new"
          : r.weighted({
              new: age < 14 ? 30 : 10,
              contacted: 26,
              qualified: 14,
              nurturing: 15,
              converted: age > 10 ? 9 : 2,
              lost: age > 7 ? 13 : 4,
            });
      const band = { new: [5, 60], contacted: [25, 70], qualified: [55, 90], nurturing: [30, 65], converted: [70, 100], lost: [0, 40] }[
        status
      ]!;
      const score = r.int(band[0], band[1]);
      const grade = score >= 80 ? "A" : score >= 60 ? "B" : score >= 40 ? "C" : "D";
      const priority = score >= 85 && r.chance(0.4) ? "urgent" : score >= 70 ? "high" : score >= 40 ? "medium" : "low";
      const owner = status === "new" && r.chance(0.35) ? null : r.pick(b2b ? reps.b2b : reps.realEstate);
      const worked = status !== "new";
      const firstContact = worked ? new Date(Math.min(createdAt.getTime() + r.int(20, 36 * 60) * 60_000, now.getTime() - 60_000)) : null;
      const ads = source === "google-ads" || source === "facebook";
      const campaign =
        source === "google-ads"
          ? b2b
            ? "b2b-solar-erp-search"
            : "re-baner-3bhk-search"
          : source === "facebook"
            ? b2b
              ? "b2b-msme-leadgen"
              : "re-skyline-launch-leadgen"
            : null;
      const consent = ["website", "google-ads", "facebook", "propkart"].includes(source);

      leads.push({
        id,
        tenant_id: tenantId,
        first_name: first,
        last_name: last,
        email: mail,
        email_canonical: mail ? canonicalEmail(mail) : null,
        phone: phoneRaw,
        phone_e164: phone,
        phone_national: nationalNumber(phone),
        company,
        company_normalized: normalizeCompany(company),
        job_title: b2b ? r.pick(TITLES) : null,
        industry: b2b ? r.pick(INDUSTRIES) : "Real Estate",
        website: ownDomain ? `https://www.${domain}` : null,
        gstin: b2b && !abroad && r.chance(0.5) ? gstin(r, stateCode) : null,
        city: away?.[0] ?? city,
        state: away?.[1] ?? state,
        country: abroad?.country ?? "India",
        postal_code: abroad ? null : `${pin}${r.int(10, 99)}`,
        language: deva?.last[2] ?? "en",
        source,
        subsource:
          source === "indiamart"
            ? "buylead"
            : source === "walk-in"
              ? "site-office"
              : source === "website"
                ? r.pick(["contact-us", "pricing", "brochure-download"])
                : null,
        campaign,
        utm_source: ads ? (source === "google-ads" ? "google" : "facebook") : null,
        utm_medium: ads ? (source === "google-ads" ? "cpc" : "paid_social") : null,
        utm_campaign: campaign,
        utm_term:
          source === "google-ads"
            ? b2b
              ? r.pick(["rooftop solar price", "erp for manufacturing"])
              : r.pick(["3 bhk flats in baner", "2 bhk pune new launch"])
            : null,
        utm_content: ads ? r.pick(["ad-variant-a", "ad-variant-b", "carousel-1"]) : null,
        referrer: source === "website" ? r.pick(["https://www.google.com/", "https://www.bing.com/", null]) : null,
        landing_page: ["website", "google-ads"].includes(source)
          ? b2b
            ? "https://example.in/solutions"
            : "https://example.in/skyline-residences"
          : null,
        owner_id: owner?.id ?? null,
        team_id: owner ? teams[owner.team!].id : null,
        status,
        lead_score: score,
        grade,
        priority,
        budget,
        budget_currency: "INR",
        authority: b2b ? r.pick(["Decision maker", "Influencer", "Evaluator"]) : r.pick(["Buyer", "Co-buyer", "Investor"]),
        need: product,
        timeline: r.pick(["Immediate", "1-3 months", "3-6 months", "6+ months"]),
        product_interest: product,
        message,
        gdpr_consent: consent,
        consent_at: consent ? createdAt : null,
        opt_in_at: consent ? createdAt : null,
        dnd: r.chance(0.02),
        converted_at:
          status === "converted" ? new Date(Math.min(firstContact!.getTime() + r.int(2, 20) * DAY, now.getTime() - 60_000)) : null,
        custom_fields: JSON.stringify({
          ...(status === "lost" ? { lost_reason: r.pick(LOST_REASONS) } : {}),
          ...(source === "csv_import" ? { import_file: "pune-property-expo-visitors.csv" } : {}),
          ...(source === "referral" ? { referred_by: `${r.pick(MALE)} ${r.pick(SURNAMES)}` } : {}),
        }),
        tags: [...(grade === "A" ? ["hot"] : []), ...(source === "walk-in" ? ["site-visit"] : []), ...(abroad && !b2b ? ["nri"] : [])],
        first_contacted_at: firstContact,
        last_activity_at: firstContact ?? createdAt,
        created_by: source === "walk-in" || source === "csv_import" ? (owner?.id ?? users[0].id) : null,
        created_at: createdAt,
        updated_at: firstContact ?? createdAt,
      });

      // The raw submission, for the sources that arrive through the ingestion API.
      const channel = CHANNEL[source];
      let eventId: string | null = null;
      if (channel && phone) {
        eventId = idFor(tenantId, "event", i);
        const fullName = `${first} ${last}`;
        const queryId = String(2_700_000_000 + i * 7919);
        const payload =
          source === "indiamart"
            ? {
                UNIQUE_QUERY_ID: queryId,
                QUERY_TYPE: "W",
                QUERY_TIME: createdAt.toISOString(),
                SENDER_NAME: fullName,
                SENDER_MOBILE: phoneRaw,
                SENDER_EMAIL: mail,
                SENDER_COMPANY: company,
                SENDER_CITY: away?.[0] ?? city,
                SENDER_STATE: away?.[1] ?? state,
                QUERY_PRODUCT_NAME: product,
                QUERY_MESSAGE: message,
              }
            : source === "facebook"
              ? {
                  leadgen_id: String(1_200_000_000_000 + i),
                  form_id: "784512",
                  campaign_name: campaign,
                  created_time: createdAt.toISOString(),
                  field_data: [
                    { name: "full_name", values: [fullName] },
                    { name: "phone_number", values: [phone] },
                    { name: "email", values: [mail] },
                    { name: "city", values: [away?.[0] ?? city] },
                  ],
                }
              : {
                  name: fullName,
                  email: mail,
                  phone: phoneRaw,
                  company,
                  city: away?.[0] ?? city,
                  country: abroad?.country ?? "India",
                  source,
                  campaign,
                  utm_source: ads ? "google" : undefined,
                  product_interest: product,
                  budget: String(budget),
                  message,
                  gdpr_consent: consent,
                };
        const at = createdAt.getTime();
        events.push({
          id: eventId,
          tenant_id: tenantId,
          channel,
          format: source === "indiamart" || source === "facebook" ? source : "canonical",
          partner_id: source === "propkart" ? partnerId : null,
          idempotency_key: source === "indiamart" ? `indiamart-${queryId}` : null,
          body_hash: createHash("sha256").update(JSON.stringify(payload)).digest("hex"),
          payload: JSON.stringify(payload),
          content_type: channel === "form" ? "application/x-www-form-urlencoded" : "application/json",
          remote_ip: `${r.pick(["49.36", "103.21", "117.199", "152.58", "106.51"])}.${r.int(1, 254)}.${r.int(1, 254)}`,
          status: "done",
          outcome: "created",
          lead_id: id,
          attempts: 1,
          processed_at: new Date(at + r.int(40, 400)),
          created_at: createdAt,
          updated_at: new Date(at + 400),
        });
        submissions.push({
          tenant_id: tenantId,
          lead_id: id,
          inbound_event_id: eventId,
          channel,
          data: JSON.stringify(payload),
          created_at: createdAt,
          updated_at: createdAt,
        });
        leads[leads.length - 1].inbound_event_id = eventId;
      }
      const act = (a: Record<string, unknown>) =>
        activities.push({
          tenant_id: tenantId,
          record_type: "lead",
          record_id: id,
          data: "{}",
          created_at: a.occurred_at,
          updated_at: a.occurred_at,
          ...a,
        });
      act({
        type: "system",
        action: "lead.created",
        title: `Lead created from ${source}`,
        data: JSON.stringify(eventId ? { inbound_event_id: eventId, channel } : { source }),
        occurred_at: createdAt,
      });
      if (owner)
        act({
          type: "system",
          action: "lead.assigned",
          title: `Assigned to ${owner.name}`,
          occurred_at: new Date(createdAt.getTime() + 1000),
        });
      if (firstContact && owner) {
        const reached = status !== "lost" || r.chance(0.5);
        act({
          type: "call",
          title: `Call with ${first}`,
          duration_minutes: reached ? r.int(3, 25) : 0,
          outcome: reached ? "connected" : "no_answer",
          actor_user_id: owner.id,
          occurred_at: firstContact,
          body: reached
            ? `Discussed ${product}; budget around ₹${(budget / 100_000).toFixed(0)} lakh.`
            : "No answer; will try again tomorrow.",
        });
        if (["qualified", "converted", "nurturing"].includes(status) || r.chance(0.3)) {
          const later = new Date(Math.min(firstContact.getTime() + r.int(1, 6) * DAY, now.getTime() - 60_000));
          act(
            b2b || status === "nurturing"
              ? {
                  type: "note",
                  title: "Follow-up note",
                  body: r.pick([
                    "Asked for a revised quotation with GST.",
                    "Wants references from similar plants.",
                    "Decision after the board meeting next month.",
                    "Shared brochure and price sheet on WhatsApp.",
                  ]),
                  actor_user_id: owner.id,
                  occurred_at: later,
                }
              : {
                  type: "meeting",
                  title: "Site visit",
                  body: r.pick([
                    "Visited the sample flat with family; liked the layout.",
                    "Site visit done; asked about loan tie-ups.",
                    "Saw the plot; wants a corner plot.",
                  ]),
                  duration_minutes: r.int(30, 90),
                  actor_user_id: owner.id,
                  occurred_at: later,
                },
          );
        }
      }
      if (status === "converted")
        act({
          type: "system",
          action: "lead.converted",
          title: "Converted to account, contact and opportunity",
          occurred_at: leads[leads.length - 1].converted_at,
        });
    }

    // A few family members writing from a relative's phone: the review queue has real work in it.
    const reviews: Record<string, unknown>[] = [];
    for (let k = 0; k < 6; k++) {
      const base = leads[17 + k * 41];
      if (!base.phone_e164) continue;
      const at = new Date(Math.min((base.created_at as Date).getTime() + r.int(2, 20) * DAY, now.getTime() - 3600_000));
      const id = idFor(tenantId, "relative", k);
      const first = r.pick([...MALE, ...FEMALE].filter((n) => n !== base.first_name));
      const relative = {
        ...base,
        id,
        first_name: first,
        email: null,
        email_canonical: null,
        owner_id: null,
        team_id: null,
        status: "new",
        lead_score: r.int(10, 40),
        grade: "D",
        priority: "medium",
        inbound_event_id: null,
        converted_at: null,
        first_contacted_at: null,
        tags: [],
        created_by: null,
        message: "Please call in the evening, this is my relative's number.",
        created_at: at,
        updated_at: at,
        last_activity_at: at,
      };
      const [match] = scoreCandidates(matchKeys(relative as LeadLike), [{ ...matchKeys(base as LeadLike), id: base.id as string }]);
      if (match.decision !== "review") continue;
      leads.push({ ...relative, is_duplicate: true, duplicate_of_id: base.id });
      reviews.push({
        tenant_id: tenantId,
        lead_id: id,
        candidate_lead_id: base.id,
        score: match.score,
        reasons: JSON.stringify(match.reasons),
        created_at: at,
        updated_at: at,
      });
      activities.push({
        tenant_id: tenantId,
        record_type: "lead",
        record_id: id,
        type: "system",
        action: "lead.possible_duplicate",
        title: `Possible duplicate (${match.score.toFixed(2)})`,
        body: match.reasons.join(", "),
        data: "{}",
        occurred_at: at,
        created_at: at,
        updated_at: at,
      });
    }
    // Matching keys, as intake stores them, so new arrivals find the demo leads.
    for (const l of leads) Object.assign(l, dedupColumns(matchKeys(l as LeadLike)));

    // Readable numbers in the month each lead arrived, in arrival order.
    const byMonth = new Map<string, Record<string, unknown>[]>();
    for (const l of [...leads].sort((a, b) => (a.created_at as Date).getTime() - (b.created_at as Date).getTime())) {
      const d = l.created_at as Date;
      const k = `${d.getUTCFullYear()}-${d.getUTCMonth()}`;
      byMonth.set(k, [...(byMonth.get(k) ?? []), l]);
    }
    for (const group of byMonth.values()) {
      const numbers = await reserveLeadNumbers(trx, tenantId, group[0].created_at as Date, group.length);
      group.forEach((l, i) => (l.lead_number = numbers[i]));
    }

    const history = await scoreWithRules(trx, tenantId, leads, now);
    await trx.batchInsert("inbound_events", events, 500);
    await trx.batchInsert("leads", leads, 500);
    await trx.batchInsert("score_history", history, 1000);
    await trx.batchInsert("lead_submissions", submissions, 500);
    await trx.batchInsert("activities", activities, 1000);
    await trx.batchInsert("duplicate_reviews", reviews, 500);
    await seedSequences(trx, tenantId, leads, users[0].id, r, now);
    log.info(
      { leads: leads.length, activities: activities.length, ms: Date.now() - started },
      `demo data loaded (users *@demo.leadhub.local, password ${DEMO_PASSWORD})`,
    );
  });
}

/**
 * The seeded leads scored by the demo's rules, as intake would have: what the rules do not explain
 * of each lead's seeded score becomes engagement points (up to 40), so hot leads stay hot and every
 * lead's "why" adds up. Returns their score history rows.
 */
async function scoreWithRules(trx: Knex.Transaction, tenantId: string, leads: Record<string, unknown>[], now: Date) {
  const rules = compileScoringRules(await loadScoringRules(trx, tenantId));
  const { scoring_version: version } = await trx("tenants").where("id", tenantId).first("scoring_version");
  return leads.map((l) => {
    const behaviour = Math.max(0, Math.min(40, (l.lead_score as number) - rules(l, now).fit));
    const s = scoreOf(rules, l, behaviour, now);
    Object.assign(l, { behaviour_score: behaviour, lead_score: s.score, grade: s.grade, priority: s.priority, score_version: version });
    return {
      tenant_id: tenantId,
      lead_id: l.id,
      score: s.score,
      previous_score: 0,
      delta: s.score,
      grade: s.grade,
      reason: "rules",
      cause: behaviour ? `+${behaviour} engagement before the demo began` : null,
      details: JSON.stringify({ fit: s.fit, rules: s.hits }),
      rule_version: version,
      created_at: l.created_at,
    };
  });
}

/** Scoring and assignment rules for the demo, published as version 1 of each set, so new arrivals are scored and routed and the rules pages have something to show. */
async function seedRules(trx: Knex.Transaction, tenantId: string, [b2bTeam, realEstateTeam]: string[], managerId: string): Promise<void> {
  // A tenant that wrote its own rules before the demo was loaded keeps them alone.
  if (
    (await trx("scoring_rules").where("tenant_id", tenantId).first("id")) ||
    (await trx("assignment_rules").where("tenant_id", tenantId).first("id"))
  )
    return;
  const check = (field: string, op: string, value?: unknown) => ({ field, op, ...(value === undefined ? {} : { value }) });
  const scoring = [
    ["Budget ₹50 lakh or more", { all: [check("budget", "gte", 5_000_000)] }, 20],
    ["Decision maker or buyer", { all: [check("authority", "in", ["Decision maker", "Buyer"])] }, 15],
    ["Buying within 3 months", { all: [check("timeline", "in", ["Immediate", "1-3 months"])] }, 15],
    ["Referral or walk-in", { all: [check("source", "in", ["referral", "walk-in"])] }, 10],
    ["Business email from a company lead", { all: [check("company", "not_empty"), check("is_free_mail", "eq", false)] }, 5],
    ["Idle for a month", { all: [check("idle_days", "gt", 30)] }, -10],
  ] as const;
  await trx("scoring_rules").insert(
    scoring.map(([name, condition, points], i) => ({
      tenant_id: tenantId,
      name,
      condition: JSON.stringify(condition),
      points,
      position: (i + 1) * 10,
      created_by: managerId,
    })),
  );
  await trx("assignment_rules").insert(
    [
      {
        name: "Business enquiries to Enterprise Sales",
        condition: { any: [check("source", "eq", "indiamart"), check("company", "not_empty")] },
        target_team_id: b2bTeam,
        strategy: "round_robin",
        sla_minutes: 120,
      },
      {
        name: "Property buyers to Real Estate",
        condition: { all: [] },
        target_team_id: realEstateTeam,
        strategy: "least_loaded",
        sla_minutes: 30,
      },
    ].map((rule, i) => ({
      ...rule,
      tenant_id: tenantId,
      condition: JSON.stringify(rule.condition),
      priority: (i + 1) * 10,
      sla_action: "reassign",
      created_by: managerId,
    })),
  );
  await trx("tenants")
    .where("id", tenantId)
    .update({ settings: trx.raw("jsonb_set(settings, '{assignment}', ?::jsonb)", [JSON.stringify({ fallback_user_id: managerId })]) });
  await bumpRuleVersion(trx, tenantId, "scoring", "demo rules", managerId);
  await bumpRuleVersion(trx, tenantId, "assignment", "demo rules", managerId);
}

const WELCOME_STEPS = [
  {
    type: "email",
    subject: "Thanks for your enquiry, {{ lead.first_name | default: 'there' }}",
    body_text:
      "Hi {{ lead.first_name | default: 'there' }},\n\nThanks for asking about {{ lead.product_interest | default: 'our projects' }}. {{ owner.name | default: 'Our team' }} will call you shortly; meanwhile the brochure is at https://example.com/brochure.\n\nRegards,\n{{ sender.name }}",
  },
  { type: "wait", delay_minutes: 0, business_days: 3, until_time: "10:00" },
  {
    type: "email",
    subject: "How families like yours chose their home",
    body_text:
      "Hi {{ lead.first_name | default: 'there' }},\n\nThree buyers from {{ lead.city | default: 'your city' }} on what made them decide: https://example.com/stories\n\n{{ owner.name | default: 'Our team' }}",
  },
  {
    type: "task",
    delay_minutes: 2 * 24 * 60,
    task_title: "Call {{ lead.name }} about {{ lead.product_interest | default: 'their enquiry' }}",
    task_due_hours: 8,
  },
  {
    type: "email",
    delay_minutes: 5 * 24 * 60,
    subject: "Shall we set up a site visit?",
    body_text:
      "Hi {{ lead.first_name | default: 'there' }},\n\nReply to this mail with a day that suits you and we will arrange a visit.\n\n{{ owner.name | default: 'Our team' }}",
  },
];

/** Two drip sequences, one enrolling web and Facebook leads by rule, with a month of history so the stats page has something to show. */
async function seedSequences(
  trx: Knex.Transaction,
  tenantId: string,
  leads: Record<string, unknown>[],
  managerId: string,
  r: ReturnType<typeof prng>,
  now: Date,
) {
  const [welcome] = await trx("sequences")
    .insert({
      tenant_id: tenantId,
      name: "Welcome: property enquiries",
      description: "New web and Facebook leads: a welcome, stories from buyers, a call, a nudge to visit.",
      enrol_rule: JSON.stringify({
        trigger: "created",
        condition: { all: [{ field: "source", op: "in", value: ["website", "facebook"] }] },
      }),
      created_by: managerId,
      created_at: new Date(now.getTime() - 60 * DAY),
      updated_at: now,
    })
    .returning("id");
  const [idle] = await trx("sequences")
    .insert({
      tenant_id: tenantId,
      name: "Re-engage quiet leads",
      description: "Enrolled by hand from the leads list.",
      created_by: managerId,
      created_at: new Date(now.getTime() - 30 * DAY),
      updated_at: now,
    })
    .returning("id");
  const steps = (id: string, list: object[]) =>
    list.map((st, i) => ({ tenant_id: tenantId, sequence_id: id, version: 1, step: i + 1, ...st }));
  await trx("sequence_steps").insert([
    ...steps(welcome.id, WELCOME_STEPS),
    ...steps(idle.id, [
      {
        type: "email",
        subject: "Still looking, {{ lead.first_name | default: 'there' }}?",
        body_text: "New inventory has opened up; reply and we will send the details.",
      },
      { type: "end" },
    ]),
  ]);

  // The last month's web and Facebook leads went through the welcome: most finished, some replied or converted, a few are still in it.
  const recent = leads.filter(
    (l) =>
      ["website", "facebook"].includes(l.source as string) &&
      l.email &&
      (l.created_at as Date).getTime() > now.getTime() - 30 * DAY &&
      !l.is_duplicate,
  );
  const enrolments: Record<string, unknown>[] = [];
  const mails: Record<string, unknown>[] = [];
  for (const l of recent) {
    const at = l.created_at as Date;
    const id = idFor(tenantId, "enrolment", enrolments.length);
    const age = (now.getTime() - at.getTime()) / DAY;
    const roll = r.int(1, 100);
    const exit =
      l.status === "converted" ? "converted" : l.status === "lost" ? "lost" : roll <= 12 ? "replied" : roll <= 15 ? "unsubscribed" : null;
    const done = !exit && age > 11;
    const sentSteps = [1, ...(age > 4 && exit !== "replied" ? [3] : []), ...(age > 11 && !exit ? [5] : [])];
    enrolments.push({
      id,
      tenant_id: tenantId,
      lead_id: l.id,
      sequence_id: welcome.id,
      sequence_version: 1,
      source: "rule",
      enrolled_at: at,
      created_at: at,
      updated_at: now,
      status: exit ? "exited" : done ? "completed" : "active",
      exit_reason: exit,
      current_step: done ? 5 : sentSteps.length === 1 ? 2 : 4,
      next_run_at: exit || done ? null : new Date(now.getTime() + r.int(1, 72) * 3_600_000),
      exited_at: exit ? new Date(at.getTime() + Math.min(age, 3) * DAY) : null,
      completed_at: done ? new Date(at.getTime() + 10 * DAY) : null,
    });
    sentSteps.forEach((step, i) => {
      const sentAt = new Date(at.getTime() + [0, 4, 11][i] * DAY + 60_000);
      const opened = r.int(1, 100) <= 55;
      const clicked = opened && r.int(1, 100) <= 35;
      const mailId = idFor(tenantId, "mail", mails.length);
      mails.push({
        id: mailId,
        tenant_id: tenantId,
        lead_id: l.id,
        direction: "out",
        message_id: `${mailId}@demo.leadhub.local`,
        to_address: l.email,
        subject: (WELCOME_STEPS[step - 1] as { subject: string }).subject.replace(/\{\{.*?\}\}/g, (l.first_name as string) ?? "there"),
        status: "sent",
        enrollment_id: id,
        sequence_id: welcome.id,
        step,
        due_at: sentAt,
        sent_at: sentAt,
        created_at: sentAt,
        updated_at: sentAt,
        opened_at: opened ? new Date(sentAt.getTime() + r.int(5, 600) * 60_000) : null,
        open_count: opened ? r.int(1, 4) : 0,
        clicked_at: clicked ? new Date(sentAt.getTime() + r.int(10, 700) * 60_000) : null,
        click_count: clicked ? 1 : 0,
        replied_at: exit === "replied" && i === sentSteps.length - 1 ? new Date(sentAt.getTime() + r.int(1, 48) * 3_600_000) : null,
        unsubscribed_at: exit === "unsubscribed" && i === sentSteps.length - 1 ? new Date(sentAt.getTime() + DAY) : null,
      });
    });
  }
  await trx.batchInsert("enrollments", enrolments, 500);
  await trx.batchInsert("email_messages", mails, 500);
  const unsubscribed = mails.filter((m) => m.unsubscribed_at);
  if (unsubscribed.length) {
    await trx("suppressions").insert(
      unsubscribed.map((m) => ({
        tenant_id: tenantId,
        email: String(m.to_address).toLowerCase(),
        reason: "unsubscribed",
        lead_id: m.lead_id,
        email_message_id: m.id,
        created_at: m.unsubscribed_at,
        updated_at: m.unsubscribed_at,
      })),
    );
  }
  await trx("tenants").where("id", tenantId).increment("nurture_version", 1);
}
