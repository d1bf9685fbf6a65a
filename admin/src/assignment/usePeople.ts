import { useGetList } from "react-admin";
import type { Names } from "./assignmentModel.ts";

export interface Person {
  id: string;
  name: string;
  email: string;
  role: string;
  team_id: string | null;
  is_active: boolean;
  out_of_office?: boolean;
}
export interface Team {
  id: string;
  name: string;
  is_active?: boolean;
}

// The API's largest page; a tenant's people fit in one.
const ALL = { page: 1, perPage: 1000 };

/** The tenant's users and teams, for the rule pickers and for naming targets in the rule list. */
export function usePeople(): { users: Person[]; teams: Team[]; names: Names; isPending: boolean } {
  const users = useGetList<Person>("users", { pagination: ALL, sort: { field: "name", order: "ASC" }, filter: {} });
  const teams = useGetList<Team>("teams", { pagination: ALL, sort: { field: "name", order: "ASC" }, filter: {} });
  const names: Names = {
    users: new Map((users.data ?? []).map((u) => [u.id, u.name])),
    teams: new Map((teams.data ?? []).map((t) => [t.id, t.name])),
  };
  return { users: users.data ?? [], teams: teams.data ?? [], names, isPending: users.isPending || teams.isPending };
}
