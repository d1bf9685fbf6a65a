import type { Request } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { unprocessable } from "../../../core/errors.ts";
import { bumpRuleVersion, type RuleKind } from "../../../core/rules/rule-sets.ts";
import { startRescore } from "../../../core/scoring/lead-score.ts";
import type { ResourceSpec } from "../resource.ts";

/**
 * Who previews and re-runs the rules (EDITORS), who changes the rules themselves (RULE_OWNERS;
 * docs/reliability.md, roles: only admins manage rules) and who reads them: core/permissions.ts.
 */
export { MANAGERS as EDITORS, ADMINS as RULE_OWNERS, EVERYONE as READERS } from "../../../core/permissions.ts";

export const user = (req: Request) => req.user!;

const issues = (e: z.ZodError) => e.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
/** A body checked against its schema: 422 with the code given and each issue, as the rule editor shows them. */
export const parse = <T>(schema: z.ZodType<T>, body: unknown, code: string, what: string): T => {
  const p = schema.safeParse(body ?? {});
  if (!p.success) throw unprocessable(code, `${what} is not valid`, issues(p.error));
  return p.data;
};

/** Every change to a rule is a new version of its set; a scoring change re-scores the tenant's leads. */
export const versioned = (services: Services, kind: RuleKind): Pick<ResourceSpec, "afterWrite" | "afterCommit"> => ({
  afterWrite: async (trx, { action, after }, req) => {
    await bumpRuleVersion(trx, user(req).tenantId, kind, `${action} "${after.name}"`, user(req).id);
  },
  afterCommit: kind === "scoring" ? async (req) => void (await startRescore(services, user(req).tenantId)) : undefined,
});

export const reorderSchema = z.object({ ids: z.array(z.uuid()).min(1).max(500) });
export const dryRunSchema = <T extends z.ZodTypeAny>(rule: T) =>
  z.object({ rules: z.array(rule).max(500).optional(), limit: z.number().int().min(1).max(5000).default(200) });
