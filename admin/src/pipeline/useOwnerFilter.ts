import { useGetIdentity, useStore } from "react-admin";

/** The board's owner filter, remembered per board like react-admin remembers list filters. */
export function useOwnerFilter(board: string) {
  const { identity } = useGetIdentity();
  const [owner, setOwner] = useStore<string | null>(`${board}.owner`, null);
  return { owner, setOwner, me: identity?.id === undefined ? undefined : String(identity.id) };
}
