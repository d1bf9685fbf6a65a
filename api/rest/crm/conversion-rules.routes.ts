import type { Router } from "express";
import type { Services } from "../../../core/services.ts";
import { bumpConversionVersion, conversionRuleSchema } from "../../../core/crm/conversion-rules.ts";
import { resourceRoutes } from "../resource.ts";
import { jsonCols, user } from "./crm-fields.ts";
import { PERMISSIONS } from "../../../core/permissions.ts";

/** Rules such as `score >= 70 AND status = contacted` that convert a lead by themselves. */
export const conversionRulesRoutes = (services: Services): Router =>
  resourceRoutes(services, {
    name: "conversion_rules",
    table: "conversion_rules",
    columns: ["id", "name", "condition", "active", "created_by", "created_at", "updated_at"],
    filters: ["active"],
    sortable: ["name", "created_at"],
    defaultSort: ["created_at", "asc"],
    readRoles: PERMISSIONS.conversion_rules.read,
    writeRoles: PERMISSIONS.conversion_rules.write,
    create: { schema: conversionRuleSchema, toRow: (d, req) => ({ ...jsonCols(d, ["condition"]), created_by: user(req).id }) },
    update: { schema: conversionRuleSchema.partial(), toRow: (d) => jsonCols(d, ["condition"]) },
    deletable: true,
    afterWrite: async (trx, _change, req) => void (await bumpConversionVersion(trx, user(req).tenantId)),
  });
