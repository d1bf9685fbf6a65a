import Typography from "@mui/material/Typography";
import { useRecordContext } from "react-admin";
import { useMoney } from "./useMoney.ts";

/** An amount of the record in its own currency (or the tenant's), in the tenant's locale. */
export function MoneyField({
  source,
  currencySource = "currency",
}: {
  source: string;
  currencySource?: string;
  label?: string;
  sortable?: boolean;
  sortBy?: string;
}) {
  const record = useRecordContext();
  const { money } = useMoney();
  if (!record) return null;
  return (
    <Typography
      variant="body2"
      component="span"
      sx={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}
      className={`money-${source}`}
    >
      {money(record[source], (record[currencySource] as string | undefined) ?? null)}
    </Typography>
  );
}
