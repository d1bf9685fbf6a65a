import type { Services } from "../../core/services.ts";
import { customFieldDefinitionSchema } from "../../core/crm/custom-fields.ts";
import { resourceRoutes } from "./resource.ts";
import { PERMISSIONS } from "../../core/permissions.ts";

const jsonOptions = (d: Record<string, unknown>) => (d.options === undefined ? d : { ...d, options: JSON.stringify(d.options) });

/** Custom field definitions per record type: forms show them, writes are checked against them. */
export const customFieldRoutes = (services: Services) =>
  resourceRoutes(services, {
    name: "custom_field_definitions",
    table: "custom_field_definitions",
    columns: ["id", "record_type", "name", "label", "type", "options", "required", "help", "position", "created_at", "updated_at"],
    filters: ["record_type", "type", "required"],
    sortable: ["position", "name", "created_at"],
    defaultSort: ["position", "asc"],
    writeRoles: PERMISSIONS.custom_field_definitions.write,
    create: { schema: customFieldDefinitionSchema, toRow: jsonOptions },
    update: { schema: customFieldDefinitionSchema.partial(), toRow: jsonOptions },
    deletable: true,
  });
