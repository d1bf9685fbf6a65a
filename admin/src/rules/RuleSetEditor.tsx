import { type ReactNode, useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Skeleton from "@mui/material/Skeleton";
import Typography from "@mui/material/Typography";
import AddIcon from "@mui/icons-material/AddOutlined";
import PublishIcon from "@mui/icons-material/PublishOutlined";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Confirm, HttpError, useDataProvider, useNotify } from "react-admin";
import { SectionCard } from "../components/SectionCard.tsx";
import { ToneChip } from "../components/ToneChip.tsx";
import type { LeadhubDataProvider } from "../data/dataProvider.ts";
import {
  type DraftItem,
  type RuleBase,
  type RuleKind,
  diffDraft,
  diffSummary,
  moveItem,
  nextDraftKey,
  publishErrorLines,
  publishQuestion,
  removeItem,
  toDraft,
  upsertItem,
} from "./draftModel.ts";
import { RuleDialog } from "./RuleDialog.tsx";
import { SortableRuleList } from "./SortableRuleList.tsx";

export interface RuleSetEditorProps<R extends RuleBase, P extends object> {
  kind: RuleKind;
  title: string;
  help: ReactNode;
  canEdit: boolean;
  /** What publishing does beyond saving, for the confirmation ("every lead is re-scored"). */
  publishNote: string;
  numbered?: boolean;
  emptyRule: () => R;
  validate: (rule: R) => Record<string, string>;
  payload: (rule: R) => P;
  fields: (rule: R, change: (patch: Partial<R>) => void, errors: Record<string, string>) => ReactNode;
  summary: (rule: R) => ReactNode;
  publish: (rules: P[]) => Promise<{ version: number }>;
  onPublished?: (result: { version: number }) => void;
  /** The dry-run card for the draft as it stands. */
  dryRun: (rules: P[]) => ReactNode;
}

export const rulesQueryKey = (kind: RuleKind) => [`${kind}_rules`, "set"];

/** A rule set's editor: the saved rules as a local draft, edited, reordered, dry-run, then published whole. */
export function RuleSetEditor<R extends RuleBase, P extends object>(props: RuleSetEditorProps<R, P>) {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const resource = `${props.kind}_rules`;
  const { data, error, isPending } = useQuery({
    queryKey: rulesQueryKey(props.kind),
    queryFn: async () =>
      (
        await dataProvider.getList<R & { id: string }>(resource, {
          pagination: { page: 1, perPage: 500 },
          sort: { field: props.kind === "scoring" ? "position" : "priority", order: "ASC" },
          filter: {},
        })
      ).data,
    // A re-read would replace the draft being edited: the set is read again only after a publish.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  if (error) return <Alert severity="error">Could not load the rules: {(error as Error).message}</Alert>;
  if (isPending) return <Skeleton variant="rounded" height={320} />;
  // Remounted with what was saved, so a publish starts the next draft from the stored set.
  return <DraftEditor key={JSON.stringify(data.map((r) => [r.id, (r as { updated_at?: string }).updated_at]))} saved={data} {...props} />;
}

function DraftEditor<R extends RuleBase, P extends object>({ saved, ...p }: RuleSetEditorProps<R, P> & { saved: R[] }) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [draft, setDraft] = useState<DraftItem<R>[]>(() => toDraft(saved));
  const [editing, setEditing] = useState<{ item: DraftItem<R>; isNew: boolean } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [serverErrors, setServerErrors] = useState<string[]>([]);
  const diff = diffDraft(saved, draft, p.payload);
  const payloads = draft.map(p.payload);
  const invalid = draft.filter((r) => Object.keys(p.validate(r)).length > 0).map((r) => r.name || "(no name)");

  const change = (next: DraftItem<R>[]) => {
    setServerErrors([]);
    setDraft(next);
  };

  const publish = async () => {
    setPublishing(true);
    try {
      const result = await p.publish(payloads);
      notify(`${p.title} v${result.version} published`, { type: "success" });
      p.onPublished?.(result);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: rulesQueryKey(p.kind) }),
        queryClient.invalidateQueries({ queryKey: ["rule_versions"] }),
      ]);
    } catch (err) {
      const errors = err instanceof HttpError ? (err.body as { errors?: Record<string, string> } | null)?.errors : undefined;
      setServerErrors(
        errors
          ? publishErrorLines(
              errors,
              draft.map((r) => r.name),
            )
          : [],
      );
      notify((err as Error).message || "Could not publish the rules", { type: "error" });
    } finally {
      setPublishing(false);
      setConfirming(false);
    }
  };

  return (
    <>
      <SectionCard
        title={p.title}
        id={`${p.kind}-rules`}
        action={diff.dirty ? <ToneChip label={`Draft: ${diffSummary(diff)}`} tone="amber" /> : <ToneChip label="Published" tone="green" />}
      >
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {p.help}
        </Typography>
        {!p.canEdit && (
          <Alert severity="info" sx={{ mb: 1.5 }}>
            Only admins and managers change these rules.
          </Alert>
        )}
        {draft.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ py: 2, textAlign: "center" }} data-testid="no-rules">
            No rules yet.
          </Typography>
        ) : (
          <SortableRuleList
            items={draft}
            numbered={p.numbered}
            canEdit={p.canEdit}
            summary={p.summary}
            onMove={(from, to) => change(moveItem(draft, from, to))}
            onEdit={(key) => setEditing({ item: draft.find((r) => r.key === key)!, isNew: false })}
            onRemove={(key) => change(removeItem(draft, key))}
            onToggle={(key, active) => change(draft.map((r) => (r.key === key ? { ...r, active } : r)))}
          />
        )}
        {invalid.length > 0 && (
          <Alert severity="warning" sx={{ mt: 1.5 }}>
            Finish these rules before publishing: {invalid.join(", ")}
          </Alert>
        )}
        {serverErrors.length > 0 && (
          <Alert severity="error" sx={{ mt: 1.5 }} data-testid="publish-errors">
            The rules were not published:
            <Box component="ul" sx={{ m: 0, pl: 2 }}>
              {serverErrors.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </Box>
          </Alert>
        )}
        {p.canEdit && (
          <Box sx={{ display: "flex", gap: 1, mt: 2, flexWrap: "wrap" }}>
            <Button
              startIcon={<AddIcon />}
              onClick={() => setEditing({ item: { ...p.emptyRule(), key: nextDraftKey(draft) }, isNew: true })}
              data-testid="add-rule"
            >
              Add rule
            </Button>
            <Box sx={{ flex: 1 }} />
            <Button onClick={() => change(toDraft(saved))} disabled={!diff.dirty || publishing}>
              Discard draft
            </Button>
            <Button
              variant="contained"
              startIcon={<PublishIcon />}
              onClick={() => setConfirming(true)}
              disabled={!diff.dirty || invalid.length > 0 || publishing}
              data-testid="publish-rules"
            >
              {publishing ? "Publishing…" : "Publish"}
            </Button>
          </Box>
        )}
      </SectionCard>
      {p.dryRun(payloads)}
      {editing && (
        <RuleDialog<R>
          initial={editing.item}
          isNew={editing.isNew}
          readOnly={!p.canEdit}
          validate={p.validate}
          fields={p.fields}
          onClose={() => setEditing(null)}
          onSave={(rule) => {
            change(upsertItem(draft, rule));
            setEditing(null);
          }}
        />
      )}
      <Confirm
        isOpen={confirming}
        loading={publishing}
        title={`Publish the ${p.kind} rules?`}
        content={`${publishQuestion(diff, draft.length)} ${p.publishNote}`}
        confirm="Publish"
        onConfirm={publish}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
