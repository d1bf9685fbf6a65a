import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../../core/services.ts";
import { conflict } from "../../../core/errors.ts";
import { resourceRoutes } from "../resource.ts";
import { ALL, constraintErrors, currency, MANAGERS, money } from "./journey-fields.ts";

const unitSchema = z.object({
  project: z.string().trim().min(1).max(300),
  unit_type: z.string().trim().min(1).max(200),
  units_total: z.number().int().min(0).max(10_000_000),
  unit_price: money.nullish(),
  currency: currency.optional(),
});
const belowBooked = () => conflict("unit_inventory_below_booked", "units_total cannot go below the units already booked");

/** Units for sale per project and type; bookings take from them, never below what is booked. */
export function unitInventoryRoutes(services: Services): Router {
  return Router().use(
    resourceRoutes(services, {
      name: "unit_inventory",
      table: "unit_inventory",
      columns: [
        "id",
        "project",
        "unit_type",
        "units_total",
        "units_booked",
        "units_available",
        "unit_price",
        "currency",
        "created_at",
        "updated_at",
      ],
      filters: ["project", "unit_type", "currency"],
      ranges: ["units_available", "units_total", "unit_price", "created_at"],
      sortable: ["project", "unit_type", "units_total", "units_booked", "units_available", "unit_price", "created_at", "updated_at"],
      defaultSort: ["project", "asc"],
      search: { ilike: ["project", "unit_type"] },
      readRoles: ALL,
      writeRoles: MANAGERS,
      create: { schema: unitSchema },
      update: {
        schema: unitSchema.partial(),
        toRow: (d, before) => {
          // The CHECK constraint refuses it too, whatever books meanwhile; this is the plain answer.
          if (d.units_total !== undefined && (d.units_total as number) < (before.units_booked as number)) throw belowBooked();
          return d;
        },
      },
      deletable: true,
      afterWrite: async (_trx, { action, after }) => {
        // `after` is read by the delete's own UPDATE, so a booking committed meanwhile is counted.
        if (action === "delete" && (after.units_booked as number) > 0)
          throw conflict("unit_inventory_has_bookings", "units of this inventory are booked: cancel those bookings first");
      },
    }),
    constraintErrors({
      unit_inventory_not_overbooked: belowBooked,
      unit_inventory_unit: () => conflict("unit_inventory_duplicate", "this project already has this unit type"),
    }),
  );
}
