import { useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import GlobalStyles from "@mui/material/GlobalStyles";
import LinearProgress from "@mui/material/LinearProgress";
import Link from "@mui/material/Link";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import PrintIcon from "@mui/icons-material/PrintOutlined";
import PaymentIcon from "@mui/icons-material/PaymentsOutlined";
import ReceiptIcon from "@mui/icons-material/ReceiptOutlined";
import InvoiceIcon from "@mui/icons-material/DescriptionOutlined";
import PercentIcon from "@mui/icons-material/PercentOutlined";
import BalanceIcon from "@mui/icons-material/AccountBalanceWalletOutlined";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link as RouterLink, useParams } from "react-router-dom";
import { Title, useCreate, useGetOne, useNotify, useRecordContext } from "react-admin";
import { TONES, labelOf, toneOf } from "../components/toneModel.ts";
import { KpiCard } from "../dashboard/KpiCard.tsx";
import { getReport } from "./journeyApi.ts";
import { type EntryForm, LEDGER_TYPES, entryErrors, entryPayload, statementFrom } from "./ledgerModel.ts";
import { formatPercent } from "./moneyModel.ts";
import { useMoney } from "./useMoney.ts";

/** Paper: the console's chrome goes, the statement fills the page. */
const printStyles = (
  <GlobalStyles
    styles={{
      "@media print": {
        "header, .RaSidebar-fixed, .MuiDrawer-root, .RaAppBar-toolbar, .no-print, .RaLayout-appFrame > header": {
          display: "none !important",
        },
        ".RaLayout-content, .RaLayout-contentWithSidebar, main": { padding: "0 !important", margin: "0 !important" },
        body: { background: "#fff !important" },
        ".ledger-statement": { boxShadow: "none !important", border: "none !important" },
        ".ledger-statement table": { fontSize: "11px" },
        "@page": { size: "A4", margin: "14mm" },
      },
    }}
  />
);

const today = () => new Date().toISOString().slice(0, 10);

export function LedgerStatementPage() {
  const { id = "" } = useParams();
  const { money, short } = useMoney();
  const [open, setOpen] = useState(false);
  const { data: account } = useGetOne("accounts", { id }, { enabled: Boolean(id) });
  const { data, error, isPending, refetch } = useQuery({
    queryKey: ["reports", "ledger", id],
    queryFn: () => getReport(`/reports/ledger/${encodeURIComponent(id)}`),
    enabled: Boolean(id),
  });
  const s = data ? statementFrom(data) : null;
  const name = (account?.name as string | undefined) ?? s?.accountName ?? "Account";
  return (
    <Box sx={{ py: 2 }} data-testid="ledger-statement">
      {printStyles}
      <Title title={`Statement · ${name}`} />
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, mb: 2, flexWrap: "wrap" }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h5" component="h1" className="ledger-account">
            {name}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Account statement · {new Intl.DateTimeFormat("en-IN", { dateStyle: "long" }).format(new Date())}
          </Typography>
        </Box>
        <Box className="no-print" sx={{ display: "flex", gap: 1 }}>
          <Button component={RouterLink} to={`/accounts/${encodeURIComponent(id)}/show`}>
            Back to account
          </Button>
          <Button variant="outlined" startIcon={<PaymentIcon />} onClick={() => setOpen(true)} data-testid="add-ledger-entry">
            Record payment / Add entry
          </Button>
          <Button variant="contained" startIcon={<PrintIcon />} onClick={() => window.print()} data-testid="print-statement">
            Print / PDF
          </Button>
        </Box>
      </Box>
      {error && <Alert severity="error">Could not load the statement: {(error as Error).message}</Alert>}
      {isPending && <LinearProgress />}
      {s && (
        <>
          <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr 1fr", md: "repeat(4, 1fr)" }, mb: 2 }}>
            <KpiCard
              label="Invoiced"
              value={short(s.invoiced, true)}
              hint={money(s.invoiced)}
              icon={<InvoiceIcon />}
              tone="blue"
              testId="ledger-invoiced"
            />
            <KpiCard
              label="Paid"
              value={short(s.paid, true)}
              hint={money(s.paid)}
              icon={<ReceiptIcon />}
              tone="green"
              testId="ledger-paid"
            />
            <KpiCard
              label="Outstanding"
              value={short(s.outstanding, true)}
              hint={money(s.outstanding)}
              icon={<BalanceIcon />}
              tone={s.outstanding > 0 ? "amber" : "green"}
              testId="ledger-outstanding"
            />
            <KpiCard
              label="Collected"
              value={s.collection === null ? "—" : formatPercent(s.collection)}
              hint="of what was invoiced"
              icon={<PercentIcon />}
              tone="teal"
              testId="ledger-collection"
            />
          </Box>
          {s.balanced === false && (
            <Alert severity="error" sx={{ mb: 2 }}>
              The account's stored balance does not equal the sum of its entries.
            </Alert>
          )}
          <Box
            className="ledger-statement"
            sx={{ border: 1, borderColor: "divider", borderRadius: 2, overflowX: "auto", bgcolor: "background.paper" }}
          >
            <Table size="small" data-testid="ledger-table">
              <TableHead>
                <TableRow>
                  <TableCell>#</TableCell>
                  <TableCell>Date</TableCell>
                  <TableCell>Type</TableCell>
                  <TableCell>Reference</TableCell>
                  <TableCell>Description</TableCell>
                  <TableCell align="right">Debit</TableCell>
                  <TableCell align="right">Credit</TableCell>
                  <TableCell align="right">Balance</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {s.opening !== 0 && (
                  <TableRow>
                    <TableCell colSpan={7}>Brought forward</TableCell>
                    <TableCell align="right" sx={{ fontWeight: 600, whiteSpace: "nowrap" }}>
                      {money(s.opening)}
                    </TableCell>
                  </TableRow>
                )}
                {s.rows.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={8} sx={{ color: "text.secondary" }}>
                      No entries yet.
                    </TableCell>
                  </TableRow>
                )}
                {s.rows.map((r) => {
                  const tone = TONES[toneOf(LEDGER_TYPES, r.type)];
                  return (
                    <TableRow key={r.key} className="ledger-row" data-seq={r.seq ?? ""}>
                      <TableCell>{r.seq ?? ""}</TableCell>
                      <TableCell sx={{ whiteSpace: "nowrap" }}>{r.date}</TableCell>
                      <TableCell>
                        <Chip size="small" label={labelOf(LEDGER_TYPES, r.type)} sx={{ bgcolor: tone.bg, color: tone.fg }} />
                      </TableCell>
                      <TableCell>
                        {r.documentUrl ? (
                          <Link href={r.documentUrl} target="_blank" rel="noreferrer">
                            {r.documentRef ?? "Document"}
                          </Link>
                        ) : (
                          (r.documentRef ?? "")
                        )}
                      </TableCell>
                      <TableCell>{r.description}</TableCell>
                      <TableCell align="right" sx={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
                        {r.debit !== null ? money(r.debit) : ""}
                      </TableCell>
                      <TableCell align="right" sx={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
                        {r.credit !== null ? money(r.credit) : ""}
                      </TableCell>
                      <TableCell
                        align="right"
                        sx={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap", fontWeight: 600 }}
                        className="ledger-balance"
                      >
                        {money(r.balance)}
                      </TableCell>
                    </TableRow>
                  );
                })}
                <TableRow>
                  <TableCell colSpan={7} align="right" sx={{ fontWeight: 700 }}>
                    Outstanding
                  </TableCell>
                  <TableCell align="right" sx={{ fontWeight: 700, whiteSpace: "nowrap" }} className="ledger-closing">
                    {money(s.outstanding)}
                  </TableCell>
                </TableRow>
              </TableBody>
            </Table>
          </Box>
        </>
      )}
      {open && <LedgerEntryDialog accountId={id} onClose={() => setOpen(false)} onDone={() => refetch()} />}
    </Box>
  );
}

function LedgerEntryDialog({ accountId, onClose, onDone }: { accountId: string; onClose: () => void; onDone: () => void }) {
  const [form, setForm] = useState<EntryForm>({ type: "payment", amount: "", date: today(), document_ref: "", description: "" });
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [create, { isPending }] = useCreate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const errors = shown ? entryErrors(form) : {};
  const set = (key: keyof EntryForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const save = () => {
    setShown(true);
    if (Object.keys(entryErrors(form)).length) return;
    create(
      "ledger_entries",
      { data: entryPayload(accountId, form) },
      {
        onSuccess: () => {
          notify(form.type === "payment" ? "Payment recorded" : "Entry added", { type: "success" });
          queryClient.invalidateQueries({ queryKey: ["reports"] });
          onDone();
          onClose();
        },
        onError: (err) => setError((err as Error).message || "Could not add the entry"),
      },
    );
  };
  const common = { size: "small" as const, slotProps: { inputLabel: { shrink: true } } };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" data-testid="ledger-entry-dialog">
      <DialogTitle>Add a ledger entry</DialogTitle>
      <DialogContent>
        <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
          <TextField
            {...common}
            select
            label="Type"
            value={form.type}
            onChange={set("type")}
            slotProps={{ ...common.slotProps, select: { native: true }, htmlInput: { name: "type" } }}
          >
            {LEDGER_TYPES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </TextField>
          <TextField
            {...common}
            label="Amount"
            type="number"
            value={form.amount}
            onChange={set("amount")}
            error={Boolean(errors.amount)}
            helperText={errors.amount ?? (form.type === "adjustment" ? "Positive adds to what is owed, negative takes off" : undefined)}
            slotProps={{ ...common.slotProps, htmlInput: { name: "amount" } }}
          />
          <TextField
            {...common}
            label="Date"
            type="date"
            value={form.date}
            onChange={set("date")}
            error={Boolean(errors.date)}
            helperText={errors.date}
            slotProps={{ ...common.slotProps, htmlInput: { name: "date" } }}
          />
          <TextField
            {...common}
            label="Reference (UTR, cheque, invoice no.)"
            value={form.document_ref}
            onChange={set("document_ref")}
            slotProps={{ ...common.slotProps, htmlInput: { name: "document_ref" } }}
          />
          <TextField
            {...common}
            label="Description"
            value={form.description}
            onChange={set("description")}
            slotProps={{ ...common.slotProps, htmlInput: { name: "description" } }}
          />
          <Typography variant="caption" color="text.secondary">
            Entries cannot be edited or deleted: correct a mistake with a credit note or an adjustment.
          </Typography>
        </Box>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={save} disabled={isPending} data-testid="ledger-entry-save">
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** On the account's page: the way to its statement. */
export function AccountLedgerButton() {
  const record = useRecordContext();
  if (!record) return null;
  const id = String(record.id);
  return (
    <Button
      component={RouterLink}
      to={`/accounts/${encodeURIComponent(id)}/ledger`}
      startIcon={<ReceiptIcon />}
      size="small"
      data-testid="account-ledger-link"
    >
      Ledger statement
    </Button>
  );
}
