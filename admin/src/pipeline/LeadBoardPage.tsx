import Box from "@mui/material/Box";
import { useMemo } from "react";
import Card from "@mui/material/Card";
import Typography from "@mui/material/Typography";
import { Link } from "react-router-dom";
import { RecordContextProvider, ReferenceField, Title, useNotify } from "react-admin";
import { ScoreBar } from "../components/ScoreBar.tsx";
import { TONES } from "../components/toneModel.ts";
import { LEAD_STATUSES, type Lead, leadDisplayName } from "../resources/leads/leadModel.ts";
import { BoardHeader } from "./BoardHeader.tsx";
import { KanbanBoard } from "./KanbanBoard.tsx";
import { useBoard } from "./useBoard.ts";
import { useOwnerFilter } from "./useOwnerFilter.ts";

const COLUMNS = LEAD_STATUSES.map((s) => ({ id: s.id, name: s.name, color: TONES[s.tone].solid }));
const SORT = { field: "lead_score", order: "DESC" } as const;

function LeadCard({ lead }: { lead: Lead }) {
  return (
    <RecordContextProvider value={lead}>
      <Card variant="outlined" sx={{ p: 1.25, borderRadius: 1.5 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }} noWrap>
          <Link to={`/leads/${lead.id}/show`} style={{ color: "inherit" }} draggable={false}>
            {leadDisplayName(lead)}
          </Link>
        </Typography>
        <Typography variant="caption" color="text.secondary" component="div" noWrap>
          {lead.company ?? ""}
        </Typography>
        <ScoreBar score={lead.lead_score} width={80} />
        <Typography variant="caption" color="text.secondary" component="div" noWrap>
          {lead.owner_id ? <ReferenceField source="owner_id" reference="users" link={false} /> : "Unassigned"}
        </Typography>
      </Card>
    </RecordContextProvider>
  );
}

/** Leads by status, best score first; a drop sets the status (and may convert the lead by a rule). */
export function LeadBoardPage() {
  const { owner, setOwner, me } = useOwnerFilter("lead-board");
  const filter = useMemo(() => (owner ? { owner_id: owner } : {}), [owner]);
  const { board, more, move } = useBoard<Lead & { id: string }>({
    resource: "leads",
    groupField: "status",
    columns: COLUMNS,
    valueField: "budget",
    filter,
    sort: SORT,
  });
  const notify = useNotify();
  // "Converted" means account + contact + deal exist: a status change alone would claim it without them.
  const onMove = (id: string, to: string) =>
    to === "converted"
      ? notify("Convert a lead from its page: it becomes an account, a contact and a deal", { type: "info" })
      : void move(id, to);
  return (
    // A grid cell of minmax(0, 1fr) keeps the board within the page: its columns scroll sideways instead.
    <Box sx={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)" }}>
      <Title title="Leads by status" />
      <BoardHeader view="leads" owner={owner} me={me} onOwner={setOwner} />
      <KanbanBoard
        testId="lead-board"
        columns={COLUMNS}
        board={board}
        valueOf={(lead) => lead.budget}
        renderCard={(lead) => <LeadCard lead={lead} />}
        onMove={onMove}
        onMore={(id) => void more(id)}
      />
    </Box>
  );
}
