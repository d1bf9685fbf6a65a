import { useRecordContext } from "react-admin";
import { ToneChip } from "../../components/ToneChip.tsx";
import { type Account, healthTone } from "./accountModel.ts";

export function HealthField(_: { label?: string; sortBy?: string }) {
  const account = useRecordContext<Account>();
  if (account?.health_score === null || account?.health_score === undefined) return null;
  return <ToneChip label={String(account.health_score)} tone={healthTone(account.health_score)} />;
}
