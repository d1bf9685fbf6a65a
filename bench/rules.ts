/**
 * Rules of realistic size for the pipeline bench: 50 scoring rules and 20 assignment rules over
 * three teams of seven reps, written straight into a bench tenant (as publishing a set would).
 * Every lead is scored against all 50; routing rules are ordered specific-first, so a lead is
 * tested against several before one matches, the last a catch-all to a round-robin team.
 */
import type { Knex } from "knex";
import { randomUUID } from "node:crypto";

const STATES = ["Maharashtra", "Karnataka", "Telangana", "Tamil Nadu", "West Bengal", "Gujarat", "Delhi", "Kerala", "Punjab", "Rajasthan"];
const PRODUCTS = ["3BHK apartment", "Commercial office space", "ERP subscription", "Villa plot", "Warehouse lease"];

function scoringRules(): { name: string; condition: object; points: number }[] {
  const rules: { name: string; condition: object; points: number }[] = [];
  for (const [i, at] of [500_000, 1_000_000, 2_500_000, 4_000_000, 6_000_000].entries()) {
    rules.push({ name: `Budget ≥ ${at / 100_000} lakh`, condition: { all: [{ field: "budget", op: "gte", value: at }] }, points: 4 + i });
  }
  for (const [i, p] of PRODUCTS.entries())
    rules.push({
      name: `Wants ${p}`,
      condition: { all: [{ field: "product_interest", op: "contains", value: p.split(" ")[0] }] },
      points: 3 + i,
    });
  for (const [i, s] of STATES.entries())
    rules.push({ name: `In ${s}`, condition: { all: [{ field: "state", op: "eq", value: s }] }, points: 2 + (i % 4) });
  for (const [i, src] of ["referral", "partner", "website", "event", "indiamart"].entries())
    rules.push({ name: `Source ${src}`, condition: { all: [{ field: "source", op: "eq", value: src }] }, points: 2 + i });
  for (const [i, m] of ["cpc", "email", "social", "organic", "display"].entries())
    rules.push({ name: `Medium ${m}`, condition: { all: [{ field: "utm_medium", op: "eq", value: m }] }, points: 1 + i });
  for (const [i, t] of ["director", "owner", "founder", "head", "manager"].entries())
    rules.push({ name: `Title has ${t}`, condition: { all: [{ field: "job_title", op: "contains", value: t }] }, points: 3 + i });
  rules.push(
    { name: "Free mail", condition: { all: [{ field: "is_free_mail", op: "eq", value: true }] }, points: -5 },
    { name: "Outside the sales area", condition: { all: [{ field: "country", op: "not_in", value: ["IN", "India", "AE"] }] }, points: -30 },
    { name: "Consented", condition: { all: [{ field: "gdpr_consent", op: "eq", value: true }] }, points: 3 },
    { name: "No phone", condition: { all: [{ field: "phone_e164", op: "empty" }] }, points: -10 },
    { name: "Has company", condition: { all: [{ field: "company", op: "not_empty" }] }, points: 4 },
    { name: "Decision maker", condition: { all: [{ field: "authority", op: "contains", value: "decision" }] }, points: 15 },
    {
      name: "Needs it this quarter",
      condition: {
        any: [
          { field: "timeline", op: "contains", value: "month" },
          { field: "timeline", op: "contains", value: "quarter" },
        ],
      },
      points: 8,
    },
    { name: "Left a message", condition: { all: [{ field: "message", op: "not_empty" }] }, points: 2 },
    {
      name: "Metro PIN",
      condition: {
        any: [
          {
            all: [
              { field: "postal_code", op: "gte", value: 400001 },
              { field: "postal_code", op: "lte", value: 400104 },
            ],
          },
          {
            all: [
              { field: "postal_code", op: "gte", value: 560001 },
              { field: "postal_code", op: "lte", value: 560100 },
            ],
          },
        ],
      },
      points: 5,
    },
    { name: "Tagged VIP", condition: { all: [{ field: "tags", op: "eq", value: "vip" }] }, points: 10 },
  );
  return rules.slice(0, 50);
}

/** Writes the rules, teams and reps; returns how many of each. */
export async function seedRules(db: Knex, tenantId: string): Promise<{ scoring: number; assignment: number; reps: number }> {
  const teams = ["North", "West", "South"].map((name) => ({ id: randomUUID(), tenant_id: tenantId, name: `${name} sales` }));
  await db("teams").insert(teams);
  const reps = teams.flatMap((t, ti) =>
    Array.from({ length: 7 }, (_, i) => ({
      tenant_id: tenantId,
      team_id: t.id,
      role: "rep",
      name: `${t.name} rep ${i + 1}`,
      email: `rep${ti}-${i}-${tenantId.slice(0, 8)}@bench.leadhub.local`,
      password_hash: "x",
      weight: 1 + (i % 3),
      notify_new_leads: i % 2 ? "immediate" : "digest",
    })),
  );
  await db("users").insert(reps);
  const scoring = scoringRules().map((r, i) => ({
    tenant_id: tenantId,
    name: r.name,
    condition: JSON.stringify(r.condition),
    points: r.points,
    position: (i + 1) * 10,
  }));
  await db("scoring_rules").insert(scoring);
  const [north, west, south] = teams.map((t) => t.id);
  const assignment: Record<string, unknown>[] = [];
  // Specific rules first (a product in a state, a big budget somewhere): most leads fall through several.
  for (const [i, s] of ["Delhi", "Punjab", "Rajasthan", "Gujarat", "Kerala", "Goa", "Assam", "Bihar"].entries()) {
    assignment.push({
      name: `${s} territory`,
      condition: { all: [{ field: "state", op: "eq", value: s }] },
      target_team_id: [north, west, south][i % 3],
      strategy: "round_robin",
    });
  }
  for (const [i, p] of PRODUCTS.entries()) {
    assignment.push({
      name: `${p} over 1 crore`,
      condition: {
        all: [
          { field: "product_interest", op: "eq", value: p },
          { field: "budget", op: "gte", value: 10_000_000 },
        ],
      },
      target_team_id: [north, west, south][i % 3],
      strategy: "weighted",
    });
  }
  assignment.push(
    {
      name: "Referrals",
      condition: { all: [{ field: "source", op: "eq", value: "referral" }] },
      target_team_id: north,
      strategy: "least_loaded",
    },
    {
      name: "IndiaMART",
      condition: { all: [{ field: "source", op: "eq", value: "indiamart" }] },
      target_team_id: south,
      strategy: "round_robin",
    },
    {
      name: "Karnataka and Tamil Nadu",
      condition: { all: [{ field: "state", op: "in", value: ["Karnataka", "Tamil Nadu"] }] },
      target_team_id: south,
      strategy: "round_robin",
      sla_minutes: 30,
    },
    {
      name: "Telangana",
      condition: { all: [{ field: "state", op: "eq", value: "Telangana" }] },
      target_team_id: south,
      strategy: "weighted",
      sla_minutes: 60,
    },
    {
      name: "Maharashtra",
      condition: { all: [{ field: "state", op: "eq", value: "Maharashtra" }] },
      target_team_id: west,
      strategy: "round_robin",
      sla_minutes: 30,
    },
    {
      name: "Hot leads",
      condition: { all: [{ field: "lead_score", op: "gte", value: 90 }] },
      target_team_id: north,
      strategy: "round_robin",
    },
    { name: "Everyone else", condition: { all: [] }, target_team_id: west, strategy: "round_robin" },
  );
  await db("assignment_rules").insert(
    assignment.map((r, i) => ({ ...r, tenant_id: tenantId, priority: (i + 1) * 10, condition: JSON.stringify(r.condition) })),
  );
  await db("tenants").where("id", tenantId).update({ scoring_version: 1, assignment_version: 1 });
  return { scoring: scoring.length, assignment: assignment.length, reps: reps.length };
}
