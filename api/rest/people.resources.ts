import { z } from "zod";
import { hashPassword } from "../../core/passwords.ts";
import { conflict } from "../../core/errors.ts";
import { isTimeZone, workingHoursSchema } from "../../core/assignment/pick.ts";
import type { ResourceSpec } from "./resource.ts";
import { optionalUuid } from "../../core/schemas.ts";

const ROLES = ["admin", "manager", "rep", "marketer"] as const;

const userFields = {
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  team_id: optionalUuid,
  territory: z.string().max(200).nullish(),
  capacity: z.number().int().min(0).nullish(),
  weight: z.number().int().min(0).max(100).optional(),
  working_hours: workingHoursSchema.nullish(),
  time_zone: z.string().max(64).refine(isTimeZone, "an IANA time zone, such as Asia/Kolkata").nullish(),
  out_of_office: z.boolean().optional(),
  notify_new_leads: z.enum(["immediate", "digest", "off"]).optional(),
  phone: z.string().max(40).nullish(),
  is_active: z.boolean().optional(),
};

export function usersResource(): ResourceSpec {
  return {
    name: "users",
    table: "users",
    columns: ["id", "email", "name", "role", "team_id", "territory", "capacity", "weight", "working_hours", "time_zone",
      "out_of_office", "notify_new_leads", "phone", "is_active", "is_platform_admin", "last_login_at", "created_at", "updated_at"],
    filters: ["role", "team_id", "is_active", "out_of_office", "territory"],
    ranges: ["created_at"],
    sortable: ["name", "email", "role", "created_at", "last_login_at"],
    defaultSort: ["name", "asc"],
    search: { ilike: ["name", "email"] },
    writeRoles: ["admin"],
    refs: { team_id: "teams" },
    create: {
      schema: z.object({ ...userFields, email: z.email().max(320), password: z.string().min(8).max(200) }),
      toRow: async (data, _req, services) => {
        const { password, email, ...rest } = data as { password: string; email: string; working_hours?: unknown };
        const taken = await services.db("users").whereRaw("lower(email) = lower(?)", [email]).whereNull("deleted_at").first("id");
        if (taken) throw conflict("email_taken", `a user with email ${email} already exists`);
        return { ...rest, email: email.toLowerCase(), password_hash: await hashPassword(password), working_hours: rest.working_hours ? JSON.stringify(rest.working_hours) : null };
      },
    },
    update: {
      schema: z.object({ ...userFields, password: z.string().min(8).max(200).optional() }).partial(),
      toRow: async (data) => {
        const { password, ...rest } = data as { password?: string; working_hours?: unknown };
        return {
          ...rest,
          ...(rest.working_hours !== undefined ? { working_hours: rest.working_hours ? JSON.stringify(rest.working_hours) : null } : {}),
          ...(password ? { password_hash: await hashPassword(password) } : {}),
        };
      },
    },
    deletable: true,
  };
}

const teamSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  manager_id: optionalUuid,
  is_active: z.boolean().optional(),
});

export function teamsResource(): ResourceSpec {
  return {
    name: "teams",
    table: "teams",
    columns: ["id", "name", "description", "manager_id", "is_active", "created_at", "updated_at"],
    filters: ["is_active", "manager_id"],
    sortable: ["name", "created_at"],
    defaultSort: ["name", "asc"],
    search: { ilike: ["name"] },
    writeRoles: ["admin"],
    refs: { manager_id: "users" },
    create: { schema: teamSchema },
    update: { schema: teamSchema.partial() },
    deletable: true,
  };
}
