// A Kanban board as plain data: columns (pipeline stages or lead statuses) each holding the first
// pages of their cards, the server's count and, from the summary endpoint, its exact count and sum. Moves are applied at once and undone when the API
// refuses them, so a drag never waits on the network.

/** Cards one request brings into a column; "show more" asks for the next page. */
export const PAGE_SIZE = 50;

export interface BoardColumnDef {
  id: string;
  name: string;
  color: string;
}

export interface BoardCard {
  id: string;
  [field: string]: unknown;
}

export interface ColumnState<C extends BoardCard = BoardCard> {
  cards: C[];
  /** The server's count for the column (Content-Range), not only the cards loaded. */
  total: number;
  loaded: boolean;
  /** The column's exact count and sum (GET /api/<resource>/summary); null until that answers. */
  sum: { count: number; value: number } | null;
}

export type Board<C extends BoardCard = BoardCard> = Record<string, ColumnState<C>>;

export function emptyBoard<C extends BoardCard>(columns: readonly BoardColumnDef[]): Board<C> {
  return Object.fromEntries(columns.map((c) => [c.id, { cards: [], total: 0, loaded: false, sum: null }]));
}

/** A page of a column's cards: the first page replaces, later pages append (skipping cards already there, e.g. moved in). */
export function withPage<C extends BoardCard>(board: Board<C>, columnId: string, cards: C[], total: number, append: boolean): Board<C> {
  const before = board[columnId] ?? { cards: [], total: 0, loaded: false, sum: null };
  const seen = new Set(append ? before.cards.map((c) => c.id) : []);
  const next = append ? [...before.cards, ...cards.filter((c) => !seen.has(c.id))] : cards;
  return { ...board, [columnId]: { ...before, cards: next, total, loaded: true } };
}

/** A row of the summary endpoint: the column's id under the group field, its count, and the sum under the value field. */
export type SummaryRow = { count: number } & Record<string, unknown>;

/** The summary's figures on every column; a column the summary does not name has no records (0, 0). */
export function withSummary<C extends BoardCard>(
  board: Board<C>,
  rows: readonly SummaryRow[],
  groupField: string,
  valueField: string,
): Board<C> {
  const byColumn = new Map(rows.map((row) => [String(row[groupField]), row]));
  return Object.fromEntries(
    Object.entries(board).map(([id, column]) => {
      const row = byColumn.get(id);
      return [id, { ...column, sum: { count: Number(row?.count ?? 0), value: amount(row?.[valueField]) } }];
    }),
  );
}

/** A card's money as a number; null, blank or not a number counts as nothing. */
function amount(value: unknown): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** The next page to ask for so that the column grows by one page. */
export function nextPage(column: ColumnState | undefined): number {
  return Math.floor((column?.cards.length ?? 0) / PAGE_SIZE) + 1;
}

export interface ColumnSummary {
  count: number;
  value: number;
  /** True when `value` is the column's whole total: from the summary, or every card is loaded. */
  complete: boolean;
}

/**
 * The summary's exact count and sum when it has answered; until then (or if it failed) the list's count
 * and the sum over the loaded cards, exact only once the column is fully loaded.
 */
export function columnSummary<C extends BoardCard>(column: ColumnState<C> | undefined, valueOf: (card: C) => unknown): ColumnSummary {
  if (!column) return { count: 0, value: 0, complete: true };
  if (column.sum) return { ...column.sum, complete: true };
  const value = column.cards.reduce((sum, card) => sum + amount(valueOf(card)), 0);
  return { count: column.total, value, complete: column.cards.length >= column.total };
}

/** A column's exact figures with one card more (sign 1) or less (sign -1); null stays null. */
function shift(sum: ColumnState["sum"], sign: 1 | -1, value: number): ColumnState["sum"] {
  return sum && { count: Math.max(0, sum.count + sign), value: sum.value + sign * value };
}

export interface Move<C extends BoardCard = BoardCard> {
  card: C;
  from: string;
  to: string;
  /** Where the card stood in its old column, to put it back there on refusal. */
  index: number;
  /** The card's money, carried from one column's sum to the other's. */
  value: number;
}

export function findCard<C extends BoardCard>(board: Board<C>, id: string): { columnId: string; index: number; card: C } | null {
  for (const [columnId, column] of Object.entries(board)) {
    const index = column.cards.findIndex((c) => c.id === id);
    if (index >= 0) return { columnId, index, card: column.cards[index] };
  }
  return null;
}

/** Moves a card to the top of another column at once, with its count and money; null when there is nothing to move. */
export function moveCard<C extends BoardCard>(
  board: Board<C>,
  id: string,
  to: string,
  groupField: string,
  valueOf: (card: C) => unknown = () => 0,
): { board: Board<C>; move: Move<C> } | null {
  const found = findCard(board, id);
  if (!found || found.columnId === to || !board[to]) return null;
  const from = board[found.columnId];
  const target = board[to];
  const moved = { ...found.card, [groupField]: to } as C;
  const value = amount(valueOf(found.card));
  return {
    board: {
      ...board,
      [found.columnId]: {
        ...from,
        cards: from.cards.filter((c) => c.id !== id),
        total: Math.max(0, from.total - 1),
        sum: shift(from.sum, -1, value),
      },
      [to]: { ...target, cards: [moved, ...target.cards], total: target.total + 1, sum: shift(target.sum, 1, value) },
    },
    move: { card: found.card, from: found.columnId, to, index: found.index, value },
  };
}

/** Puts a refused move back: the card leaves the target column and returns to its old place, as it was. */
export function undoMove<C extends BoardCard>(board: Board<C>, move: Move<C>): Board<C> {
  const target = board[move.to];
  const source = board[move.from];
  if (!target || !source) return board;
  const cards = source.cards.filter((c) => c.id !== move.card.id);
  cards.splice(Math.min(move.index, cards.length), 0, move.card);
  return {
    ...board,
    [move.to]: {
      ...target,
      cards: target.cards.filter((c) => c.id !== move.card.id),
      total: Math.max(0, target.total - 1),
      sum: shift(target.sum, -1, move.value),
    },
    [move.from]: { ...source, cards, total: source.total + 1, sum: shift(source.sum, 1, move.value) },
  };
}

/** The API's answer to an accepted move replaces the card (a stage move also sets probability and status). */
export function confirmMove<C extends BoardCard>(board: Board<C>, move: Move<C>, saved: C): Board<C> {
  const column = board[move.to];
  if (!column) return board;
  return { ...board, [move.to]: { ...column, cards: column.cards.map((c) => (c.id === saved.id ? saved : c)) } };
}

/** Money on a column header: short Indian units (₹45L, ₹1.2Cr) so six columns fit a laptop. */
export function formatCompactMoney(amount: number, currency = "INR"): string {
  const code = currency.toUpperCase();
  try {
    return new Intl.NumberFormat(code === "INR" ? "en-IN" : "en", {
      style: "currency",
      currency: code,
      notation: "compact",
      maximumFractionDigits: 1,
    })
      .format(amount)
      .replace(/\.0(?=\D*$)/, "");
  } catch {
    return `${code} ${amount.toLocaleString("en-IN")}`;
  }
}

/** The column header's figures: "3 · ₹45L", or "120 · ₹2Cr+" while only the loaded cards are summed (the sum is a floor). */
export function columnHeadline(summary: ColumnSummary, currency = "INR"): string {
  return `${summary.count} · ${formatCompactMoney(summary.value, currency)}${summary.complete ? "" : "+"}`;
}

/** An open required task as the board reads it (the tasks list answers more fields). */
export interface RequiredTask {
  title: string;
  record_id: string;
  stage_id: string | null;
  done_at: string | null;
}

/**
 * The titles of the open required tasks of each card's current stage: what the API would name when
 * refusing the card's next move (409 crm_required_tasks_open). A task of an earlier stage does not block.
 */
export function stageBlockers(
  cards: readonly { id: string; stage_id: string }[],
  tasks: readonly RequiredTask[],
): Record<string, string[]> {
  const stageOf = new Map(cards.map((c) => [c.id, c.stage_id]));
  const out: Record<string, string[]> = {};
  for (const t of tasks) {
    if (t.done_at !== null || t.stage_id === null || stageOf.get(t.record_id) !== t.stage_id) continue;
    (out[t.record_id] ??= []).push(t.title);
  }
  return out;
}
