import type { Knex } from "knex";
import { writeAudit, type Actor } from "./audit.ts";
import { notFound } from "./errors.ts";
import type { Sessions } from "./sessions.ts";
import { asSystem } from "./tenant-scope.ts";

/** Whether an address is some user's login anywhere in the installation (the login form asks for no tenant). */
export const emailInUse = async (db: Knex, email: string) =>
  Boolean(await asSystem(() => db("users").whereRaw("lower(email) = lower(?)", [email]).whereNull("deleted_at").first("id")));

/** An admin ends a user's sessions (a lost laptop, a departure), audited; their tokens are refused at the next request. */
export async function endSessionsOf(db: Knex, sessions: Sessions, actor: Actor, userId: string) {
  const ended = await db.transaction(async (trx) => {
    const user = await trx("users").where({ id: userId, tenant_id: actor.tenantId }).whereNull("deleted_at").first("id");
    if (!user) throw notFound("users");
    const ended = await sessions.end(trx, { userId }, "revoked");
    await writeAudit(trx, actor, "end_sessions", "users", userId, { sessions: ended.length });
    return ended;
  });
  await sessions.publish(ended);
  return ended;
}
