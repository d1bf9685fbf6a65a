import { ChoiceChipField } from "../../components/ToneChip.tsx";
import { OPPORTUNITY_STATUSES } from "./opportunityModel.ts";

export function StatusField(_: { label?: string }) {
  return <ChoiceChipField source="status" choices={OPPORTUNITY_STATUSES} />;
}
