// A Kanban board as plain data: columns (pipeline stages or lead statuses) each holding the first
// pages of their cards and the server's count. Moves are applied at once and undone when the API
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
}

export type Board<C extends BoardCard = BoardCard> = Record<string, ColumnState<C>>;

export function emptyBoard<C extends BoardCard>(columns: readonly BoardColumnDef[]): Board<C> {
  return Object.fromEntries(columns.map((c) => [c.id, { cards: [], total: 0, loaded: false }]));
}

/** A page of a column's cards: the first page replaces, later pages append (skipping cards already there, e.g. moved in). */
export function withPage<C extends BoardCard>(board: Board<C>, columnId: string, cards: C[], total: number, append: boolean): Board<C> {
  const before = board[columnId] ?? { cards: [], total: 0, loaded: false };
  const seen = new Set(append ? before.cards.map((c) => c.id) : []);
  const next = append ? [...before.cards, ...cards.filter((c) => !seen.has(c.id))] : cards;
  return { ...board, [columnId]: { cards: next, total, loaded: true } };
}

/** The next page to ask for so that the column grows by one page. */
export function nextPage(column: ColumnState | undefined): number {
  return Math.floor((column?.cards.length ?? 0) / PAGE_SIZE) + 1;
}

export interface ColumnSummary {
  count: number;
  value: number;
  /** True when every card of the column is loaded, so `value` is the column's whole total. */
  complete: boolean;
}

/** Count from the server; value summed over the loaded cards (exact once the column is fully loaded). */
export function columnSummary<C extends BoardCard>(column: ColumnState<C> | undefined, valueOf: (card: C) => unknown): ColumnSummary {
  if (!column) return { count: 0, value: 0, complete: true };
  const value = column.cards.reduce((sum, card) => {
    const n = Number(valueOf(card));
    return Number.isFinite(n) ? sum + n : sum;
  }, 0);
  return { count: column.total, value, complete: column.cards.length >= column.total };
}

export interface Move<C extends BoardCard = BoardCard> {
  card: C;
  from: string;
  to: string;
  /** Where the card stood in its old column, to put it back there on refusal. */
  index: number;
}

export function findCard<C extends BoardCard>(board: Board<C>, id: string): { columnId: string; index: number; card: C } | null {
  for (const [columnId, column] of Object.entries(board)) {
    const index = column.cards.findIndex((c) => c.id === id);
    if (index >= 0) return { columnId, index, card: column.cards[index] };
  }
  return null;
}

/** Moves a card to the top of another column at once; null when there is nothing to move. */
export function moveCard<C extends BoardCard>(board: Board<C>, id: string, to: string, groupField: string): { board: Board<C>; move: Move<C> } | null {
  const found = findCard(board, id);
  if (!found || found.columnId === to || !board[to]) return null;
  const from = board[found.columnId];
  const target = board[to];
  const moved = { ...found.card, [groupField]: to } as C;
  return {
    board: {
      ...board,
      [found.columnId]: { ...from, cards: from.cards.filter((c) => c.id !== id), total: Math.max(0, from.total - 1) },
      [to]: { ...target, cards: [moved, ...target.cards], total: target.total + 1 },
    },
    move: { card: found.card, from: found.columnId, to, index: found.index },
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
    [move.to]: { ...target, cards: target.cards.filter((c) => c.id !== move.card.id), total: Math.max(0, target.total - 1) },
    [move.from]: { ...source, cards, total: source.total + 1 },
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
    return new Intl.NumberFormat(code === "INR" ? "en-IN" : "en", { style: "currency", currency: code, notation: "compact", maximumFractionDigits: 1 })
      .format(amount)
      .replace(/\.0(?=\D*$)/, "");
  } catch {
    return `${code} ${amount.toLocaleString("en-IN")}`;
  }
}

/** The column header's figures: "3 · ₹45L", or "120 · ₹2Cr+" when only some cards are loaded (the sum is a floor). */
export function columnHeadline(summary: ColumnSummary, currency = "INR"): string {
  return `${summary.count} · ${formatCompactMoney(summary.value, currency)}${summary.complete ? "" : "+"}`;
}
