import { describe, expect, it } from "vitest";
import {
  PAGE_SIZE,
  columnHeadline,
  columnSummary,
  confirmMove,
  emptyBoard,
  formatCompactMoney,
  moveCard,
  nextPage,
  stageBlockers,
  undoMove,
  withPage,
  withSummary,
} from "../../admin/src/pipeline/boardModel.ts";
import {
  stageColumns,
  stagePayload,
  stageSummary,
  swapPositions,
  validateStage,
  type PipelineStage,
} from "../../admin/src/resources/pipeline_stages/stageModel.ts";

const COLUMNS = [
  { id: "q", name: "Qualification", color: "#90a4ae" },
  { id: "p", name: "Proposal", color: "#7986cb" },
];
const deal = (id: string, stage_id: string, value: number | string | null) => ({ id, stage_id, value });

function board() {
  let b = emptyBoard<ReturnType<typeof deal>>(COLUMNS);
  b = withPage(b, "q", [deal("a", "q", 4500000), deal("b", "q", "1200000.50"), deal("c", "q", null)], 3, false);
  b = withPage(b, "p", [deal("d", "p", 800000)], 120, false);
  return b;
}

describe("board grouping and totals", () => {
  it("when columns load, then each holds its cards with the server's count, and a later page appends without repeats", () => {
    const b = board();
    expect(b.q.cards.map((c) => c.id)).toEqual(["a", "b", "c"]);
    const more = withPage(b, "p", [deal("d", "p", 800000), deal("e", "p", 100)], 120, true);
    expect(more.p.cards.map((c) => c.id)).toEqual(["d", "e"]);
    expect(withPage(more, "p", [deal("z", "p", 1)], 7, false).p).toEqual({ cards: [deal("z", "p", 1)], total: 7, loaded: true, sum: null });
  });

  it("when the summary answers, then every column shows its exact count and sum without the floor mark, and a column it does not name shows zero", () => {
    const b = withSummary(board(), [{ stage_id: "p", count: 120, value: 96_000_000 }], "stage_id", "value");
    expect(columnSummary(b.p, (c) => c.value)).toEqual({ count: 120, value: 96_000_000, complete: true });
    expect(columnHeadline(columnSummary(b.p, (c) => c.value))).toBe("120 · ₹9.6Cr");
    expect(columnSummary(b.q, (c) => c.value)).toEqual({ count: 0, value: 0, complete: true });
    // Cards arriving after the summary keep it; the list's count still drives "show more".
    const paged = withPage(b, "p", [deal("e", "p", 5)], 121, true);
    expect(paged.p).toMatchObject({ total: 121, sum: { count: 120, value: 96_000_000 } });
    const leads = withSummary(
      emptyBoard([{ id: "new", name: "New", color: "#000" }]),
      [{ status: "new", count: 2, budget: "1500.5" }],
      "status",
      "budget",
    );
    expect(leads.new.sum).toEqual({ count: 2, value: 1500.5 });
  });

  it("when the summary has not answered, then a fully loaded column's value is exact and a partly loaded one's headline marks the sum as a floor", () => {
    const b = board();
    expect(columnSummary(b.q, (c) => c.value)).toEqual({ count: 3, value: 5700000.5, complete: true });
    expect(columnHeadline(columnSummary(b.q, (c) => c.value))).toBe("3 · ₹57L");
    expect(columnHeadline(columnSummary(b.p, (c) => c.value))).toBe("120 · ₹8L+");
    expect(columnSummary(undefined, () => 1)).toEqual({ count: 0, value: 0, complete: true });
  });

  it("when money is shown on a header, then it uses lakh and crore for rupees", () => {
    expect(formatCompactMoney(12_000_000)).toBe("₹1.2Cr");
    expect(formatCompactMoney(950)).toBe("₹950");
    expect(formatCompactMoney(0)).toBe("₹0");
  });

  it("when a column has cards loaded, then the next page asked for grows it by a page", () => {
    expect(nextPage(undefined)).toBe(1);
    expect(
      nextPage({ cards: Array.from({ length: PAGE_SIZE }, (_, i) => deal(String(i), "q", 1)), total: 500, loaded: true, sum: null }),
    ).toBe(2);
  });

  it("when stages come in any order, then columns follow their position with their colours", () => {
    const stage = (id: string, position: number, color: string | null) => ({
      id,
      name: id,
      position,
      color,
      probability: 0,
      is_won: false,
      is_lost: false,
      allowed_next: [],
      task_templates: [],
    });
    expect(stageColumns([stage("b", 20, null), stage("a", 10, "#ff0000")])).toEqual([
      { id: "a", name: "a", color: "#ff0000" },
      { id: "b", name: "b", color: "#94a3b8" },
    ]);
  });
});

describe("moving a card", () => {
  it("when a card is dropped on another column, then it moves to the top at once and both counts change", () => {
    const moved = moveCard(board(), "b", "p", "stage_id")!;
    expect(moved.board.q.cards.map((c) => c.id)).toEqual(["a", "c"]);
    expect(moved.board.p.cards.map((c) => [c.id, c.stage_id])).toEqual([
      ["b", "p"],
      ["d", "p"],
    ]);
    expect([moved.board.q.total, moved.board.p.total]).toEqual([2, 121]);
    expect(moved.move).toMatchObject({ from: "q", to: "p", index: 1, card: { id: "b", stage_id: "q" } });
  });

  it("when the summary has answered, then a move carries the card's count and money to the other column", () => {
    const summed = withSummary(
      board(),
      [
        { stage_id: "q", count: 3, value: 5700000.5 },
        { stage_id: "p", count: 120, value: 96_000_000 },
      ],
      "stage_id",
      "value",
    );
    const moved = moveCard(summed, "a", "p", "stage_id", (c) => c.value)!;
    expect([moved.board.q.sum, moved.board.p.sum]).toEqual([
      { count: 2, value: 1200000.5 },
      { count: 121, value: 100_500_000 },
    ]);
    expect(moveCard(summed, "c", "p", "stage_id", (c) => c.value)!.board.p.sum).toEqual({ count: 121, value: 96_000_000 });
  });

  it("when the API refuses the move, then the card goes back to its old place as it was, figures too", () => {
    const before = board();
    const moved = moveCard(before, "b", "p", "stage_id")!;
    expect(undoMove(moved.board, moved.move)).toEqual(before);
    const summed = withSummary(
      before,
      [
        { stage_id: "q", count: 3, value: 5700000.5 },
        { stage_id: "p", count: 120, value: 96_000_000 },
      ],
      "stage_id",
      "value",
    );
    const movedSummed = moveCard(summed, "b", "p", "stage_id", (c) => c.value)!;
    expect(undoMove(movedSummed.board, movedSummed.move)).toEqual(summed);
  });

  it("when the API accepts the move, then the card takes the saved record (probability set by the stage)", () => {
    const moved = moveCard(board(), "a", "p", "stage_id")!;
    const saved = { ...deal("a", "p", 4500000), probability: 50 };
    expect(confirmMove(moved.board, moved.move, saved).p.cards[0]).toEqual(saved);
  });

  it("when a card is dropped on its own column or is unknown, then nothing moves", () => {
    expect(moveCard(board(), "a", "q", "stage_id")).toBeNull();
    expect(moveCard(board(), "nope", "p", "stage_id")).toBeNull();
    expect(moveCard(board(), "a", "nowhere", "stage_id")).toBeNull();
  });
});

describe("stage settings", () => {
  const stage: PipelineStage = {
    id: "q",
    name: "Qualification",
    position: 10,
    color: "#90a4ae",
    probability: 10,
    is_won: false,
    is_lost: false,
    allowed_next: ["p", "l"],
    task_templates: [{ title: "Discovery call", required: true }, { title: "Send deck" }],
  };
  it("when a stage has next stages and templates, then its summary names them", () => {
    expect(
      stageSummary(
        stage,
        new Map([
          ["p", "Proposal"],
          ["l", "Lost"],
        ]),
      ),
    ).toBe("10% · then Proposal, Lost · 1 required task · 1 task");
    expect(stageSummary({ ...stage, is_won: true, probability: 100, allowed_next: [], task_templates: [] }, new Map())).toBe("won · 100%");
  });
  it("when a stage is both won and lost or leads to itself, then the form says so", () => {
    expect(validateStage({ ...stage, is_won: true, is_lost: true, allowed_next: ["q"] })).toEqual({
      is_lost: "A stage is won or lost, not both",
      allowed_next: "A stage cannot lead to itself",
    });
    expect(validateStage({ name: " ", probability: 101 })).toEqual({
      name: "A stage needs a name",
      probability: "A whole number from 0 to 100",
    });
  });
});

describe("stage order and payload", () => {
  it("when a stage moves up, then it swaps positions with the one above; at the edge nothing changes", () => {
    const stages = [
      { id: "a", position: 10 },
      { id: "b", position: 20 },
      { id: "c", position: 30 },
    ];
    expect(swapPositions(stages, "b", -1)).toEqual([
      { id: "b", position: 10 },
      { id: "a", position: 20 },
    ]);
    expect(swapPositions(stages, "c", 1)).toEqual([]);
  });
  it("when stages share a position, then the swap writes distinct ones from their order", () => {
    expect(
      swapPositions(
        [
          { id: "a", position: 1000 },
          { id: "b", position: 1000 },
        ],
        "a",
        1,
      ),
    ).toEqual([
      { id: "a", position: 20 },
      { id: "b", position: 10 },
    ]);
  });
  it("when templates come from the form, then blanks are dropped, due days are numbers and required is a boolean", () => {
    expect(
      stagePayload({
        name: "Proposal",
        task_templates: [{ title: " Send deck ", due_days: null }, { title: "" }, { title: "Call", due_days: "3", required: true }],
      }),
    ).toEqual({
      name: "Proposal",
      color: undefined,
      task_templates: [
        { title: "Send deck", required: false },
        { title: "Call", due_days: 3, required: true },
      ],
    });
  });
});

describe("stageBlockers", () => {
  it("when a deal has open required tasks of its current stage, then its card names them; done ones and an earlier stage's do not block", () => {
    const cards = [
      { id: "d1", stage_id: "qual" },
      { id: "d2", stage_id: "prop" },
    ];
    const tasks = [
      { title: "Discovery call", record_id: "d1", stage_id: "qual", done_at: null },
      { title: "Site visit", record_id: "d1", stage_id: "qual", done_at: null },
      { title: "Budget check", record_id: "d1", stage_id: "qual", done_at: "2026-12-01T10:00:00Z" },
      { title: "Discovery call", record_id: "d2", stage_id: "qual", done_at: null },
      { title: "Ad hoc", record_id: "d2", stage_id: null, done_at: null },
      { title: "Elsewhere", record_id: "d9", stage_id: "qual", done_at: null },
    ];
    expect(stageBlockers(cards, tasks)).toEqual({ d1: ["Discovery call", "Site visit"] });
  });
});
