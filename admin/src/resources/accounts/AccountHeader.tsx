import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { ReferenceField, useRecordContext } from "react-admin";
import { ToneChip } from "../../components/ToneChip.tsx";
import { labelOf } from "../../components/toneModel.ts";
import { formatBudget } from "../leads/leadModel.ts";
import { ACCOUNT_TYPES, type Account, accountPlace, healthTone, websiteHref } from "./accountModel.ts";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </>
  );
}

export function AccountHeader() {
  const account = useRecordContext<Account>();
  if (!account) return null;
  const href = websiteHref(account.website);
  return (
    <Card variant="outlined" sx={{ p: 2.5, borderRadius: 2 }} data-testid="account-header">
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap", rowGap: 0.5 }}>
        <Typography variant="h5" component="h1" className="account-name">
          {account.name}
        </Typography>
        <ToneChip label={labelOf(ACCOUNT_TYPES, account.type)} tone="blue" />
        {account.health_score != null && <ToneChip label={`Health ${account.health_score}`} tone={healthTone(account.health_score)} />}
        {account.lifecycle_stage && account.lifecycle_stage !== account.type && (
          <ToneChip label={String(account.lifecycle_stage)} tone="violet" />
        )}
      </Stack>
      <Box
        sx={{
          display: "grid",
          gridTemplateColumns: { xs: "auto 1fr", md: "auto 1fr auto 1fr auto 1fr" },
          columnGap: 2,
          rowGap: 0.5,
          mt: 1.5,
          alignItems: "baseline",
        }}
      >
        <Fact label="GSTIN">
          <span style={{ fontFamily: "monospace" }}>{account.gstin ?? "—"}</span>
        </Fact>
        <Fact label="Industry">{account.industry ?? "—"}</Fact>
        <Fact label="Revenue">{formatBudget(account.annual_revenue, account.currency)}</Fact>
        <Fact label="Place">{accountPlace(account) || "—"}</Fact>
        <Fact label="Website">
          {href ? (
            <Link href={href} target="_blank" rel="noreferrer">
              {account.website}
            </Link>
          ) : (
            "—"
          )}
        </Fact>
        <Fact label="Owner">{account.owner_id ? <ReferenceField source="owner_id" reference="users" link={false} /> : "Unassigned"}</Fact>
      </Box>
    </Card>
  );
}
