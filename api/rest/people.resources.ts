import { z } from "zod";
import { hashPassword } from "../../core/passwords.ts";
import { conflict, notFound } from "../../core/errors.ts";
import { emailInUse, endSessionsOf } from "../../core/people.ts";
import { NOTIFY_NEW_LEADS, ROLES } from "../../core/vocabulary.ts";
import { sessionsOf } from "../../core/sessions.ts";
import { requireRole, sessionOf } from "../auth/require-user.ts";
import { isTimeZone, workingHoursSchema } from "../../core/assignment/pick.ts";
import type { ResourceSpec } from "./resource.ts";
import { optionalUuid } from "../../core/schemas.ts";
import { PERMISSIONS } from "../../core/permissions.ts";

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
  notify_new_leads: z.enum(NOTIFY_NEW_LEADS).optional(),
  phone: z.string().max(40).nullish(),
  is_active: z.boolean().optional(),
};

/**
 * An address is one login across the installation (the login form asks for no tenant), so it is
 * checked across tenants; the answer is the same wherever it is taken, and names nothing.
 */
const emailTaken = () => conflict("email_taken", "this email address cannot be used for a new user");

export function usersResource(): ResourceSpec {
  return {
    name: "users",
    table: "users",
    columns: [
      "id",
      "email",
      "name",
      "role",
      "team_id",
      "territory",
      "capacity",
      "weight",
      "working_hours",
      "time_zone",
      "out_of_office",
      "notify_new_leads",
      "phone",
      "is_active",
      "is_platform_admin",
      "last_login_at",
      "created_at",
      "updated_at",
    ],
    filters: ["role", "team_id", "is_active", "out_of_office", "territory"],
    ranges: ["created_at"],
    sortable: ["name", "email", "role", "created_at", "last_login_at"],
    defaultSort: ["name", "asc"],
    search: { ilike: ["name", "email"], phones: ["phone"] },
    writeRoles: PERMISSIONS.users.write,
    refs: { team_id: "teams" },
    create: {
      schema: z.object({ ...userFields, email: z.email().max(320), password: z.string().min(8).max(200) }),
      toRow: async (data, _req, services) => {
        const { password, email, ...rest } = data as { password: string; email: string; working_hours?: unknown };
        if (await emailInUse(services.db, email)) throw emailTaken();
        return {
          ...rest,
          email: email.toLowerCase(),
          password_hash: await hashPassword(password),
          working_hours: rest.working_hours ? JSON.stringify(rest.working_hours) : null,
        };
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
    // Two creations of one address racing past the check above: the unique index decides.
    uniqueViolation: emailTaken,
    deletable: true,
    // A change to what a user may do ended their sessions (a trigger, in the change's transaction): tell every API process.
    afterCommit: async (req) => {
      if (typeof req.params.id === "string") await sessionOf(req).sessions.endedBy(req.params.id);
    },
    routes: (r, services) => {
      // An admin ends a user's sessions (a lost laptop, a departure): audited, their tokens refused at the next request.
      r.post("/:id/sessions/revoke", requireRole("admin"), async (req, res) => {
        const id = String(req.params.id);
        if (!z.uuid().safeParse(id).success) throw notFound("users");
        const ended = await endSessionsOf(services.db, sessionsOf(services), req.user!, id);
        res.json({ ended: ended.length });
      });
    },
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
    writeRoles: PERMISSIONS.teams.write,
    refs: { manager_id: "users" },
    create: { schema: teamSchema },
    update: { schema: teamSchema.partial() },
    deletable: true,
  };
}
