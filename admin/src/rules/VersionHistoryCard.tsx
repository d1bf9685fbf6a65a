import { useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Collapse from "@mui/material/Collapse";
import Skeleton from "@mui/material/Skeleton";
import Typography from "@mui/material/Typography";
import { useGetList, useGetMany } from "react-admin";
import { SectionCard } from "../components/SectionCard.tsx";
import { formatDateTime } from "../resources/leads/LeadFieldValue.tsx";
import type { RuleKind } from "./draftModel.ts";
import { type RuleVersion, activeCount, versionChange } from "./versionModel.ts";

const PAGE = 10;

/** Every saved change of a rule set, newest first: which version, what changed, who and when; each opens to its rules. */
export function VersionHistoryCard({ kind, describe }: { kind: RuleKind; describe: (rule: Record<string, unknown>) => string }) {
  const [perPage, setPerPage] = useState(PAGE);
  const {
    data = [],
    total = 0,
    error,
    isPending,
  } = useGetList<RuleVersion>("rule_versions", {
    filter: { kind },
    pagination: { page: 1, perPage },
    sort: { field: "version", order: "DESC" },
  });
  const authors = [...new Set(data.flatMap((v) => (v.created_by ? [v.created_by] : [])))];
  const { data: users = [] } = useGetMany<{ id: string; name: string }>("users", { ids: authors }, { enabled: authors.length > 0 });
  const nameOf = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? "a former user") : "leadhub");

  return (
    <SectionCard title="Version history" id={`${kind}-versions`}>
      {error && <Alert severity="error">Could not load the versions: {(error as Error).message}</Alert>}
      {isPending && <Skeleton variant="rounded" height={120} />}
      {!isPending && !data.length && (
        <Typography variant="body2" color="text.secondary">
          Nothing published yet.
        </Typography>
      )}
      <Box component="ol" sx={{ listStyle: "none", m: 0, p: 0 }} data-testid={`${kind}-versions`}>
        {data.map((v) => (
          <VersionRow key={v.id} version={v} author={nameOf(v.created_by)} describe={describe} />
        ))}
      </Box>
      {total > data.length && (
        <Button size="small" onClick={() => setPerPage((n) => n + PAGE)} sx={{ mt: 1 }}>
          Older versions
        </Button>
      )}
    </SectionCard>
  );
}

function VersionRow({
  version: v,
  author,
  describe,
}: {
  version: RuleVersion;
  author: string;
  describe: (rule: Record<string, unknown>) => string;
}) {
  const [open, setOpen] = useState(false);
  const rules = (Array.isArray(v.rules) ? v.rules : []) as Record<string, unknown>[];
  return (
    <Box
      component="li"
      className="version-row"
      sx={{ py: 1, borderBottom: 1, borderColor: "divider", "&:last-child": { borderBottom: 0 } }}
    >
      <Box sx={{ display: "flex", alignItems: "baseline", gap: 1, flexWrap: "wrap" }}>
        <Typography variant="body2" sx={{ fontWeight: 700, fontVariantNumeric: "tabular-nums", minWidth: 32 }} className="version-number">
          v{v.version}
        </Typography>
        <Typography variant="body2" sx={{ flex: 1, minWidth: 160 }} className="version-change">
          {versionChange(v.change)}
        </Typography>
        <Button size="small" onClick={() => setOpen((o) => !o)} sx={{ minWidth: 0, py: 0 }}>
          {open ? "Hide" : `${activeCount(v.rules)} active`}
        </Button>
      </Box>
      <Typography variant="caption" color="text.secondary" component="div" sx={{ pl: 5 }}>
        {author} · {formatDateTime(v.created_at)}
      </Typography>
      <Collapse in={open} unmountOnExit>
        <Box component="ol" sx={{ m: 0, mt: 0.5, pl: 7, fontSize: 13, color: "text.secondary" }}>
          {rules.map((r, i) => (
            <li key={String(r.id ?? i)} style={{ opacity: r.active === false ? 0.6 : 1 }}>
              {describe(r)}
              {r.active === false ? " (off)" : ""}
            </li>
          ))}
        </Box>
      </Collapse>
    </Box>
  );
}
