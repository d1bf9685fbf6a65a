import { describe, expect, it } from "vitest";
import { accountPlace, healthTone, websiteHref } from "../../admin/src/resources/accounts/accountModel.ts";
import { contactName } from "../../admin/src/resources/contacts/contactModel.ts";
import { editPayload, formatDay } from "../../admin/src/resources/opportunities/opportunityModel.ts";
import { dueSoonFilter, dueState, recordPath } from "../../admin/src/resources/tasks/taskModel.ts";

describe("accounts", () => {
  it("when health is scored, then 70+ reads healthy, under 40 at risk, none grey", () => {
    expect([healthTone(85), healthTone("55"), healthTone(10), healthTone(null), healthTone("x")]).toEqual([
      "green",
      "amber",
      "red",
      "grey",
      "grey",
    ]);
  });
  it("when a website is typed without its scheme, then the link gets https", () => {
    expect(websiteHref("acme.in")).toBe("https://acme.in");
    expect(websiteHref("http://acme.in")).toBe("http://acme.in");
    expect(websiteHref("  ")).toBeNull();
    expect(accountPlace({ city: "Pune", state: null, country: "India" })).toBe("Pune, India");
  });
});

describe("contacts and deals", () => {
  it("when a contact has no name, then it is called by its email or phone", () => {
    expect(contactName({ first_name: "Rohan", last_name: null, email: "r@x.in", phone: null })).toBe("Rohan");
    expect(contactName({ first_name: null, last_name: null, email: null, phone: "+919820012345" })).toBe("+919820012345");
  });
  it("when a deal's stage changes in the form and its probability is left alone, then the new stage's probability applies", () => {
    const before = { stage_id: "q", probability: 10, name: "D" };
    expect(editPayload({ stage_id: "p", probability: 10, name: "D" }, before)).toEqual({ stage_id: "p", name: "D" });
    expect(editPayload({ stage_id: "p", probability: 40, name: "D" }, before)).toEqual({ stage_id: "p", probability: 40, name: "D" });
    expect(editPayload({ stage_id: "q", probability: 10, name: "E" }, before)).toEqual({ stage_id: "q", probability: 10, name: "E" });
  });
  it("when a close date is shown, then it is a day in Indian order, blank for none", () => {
    expect(formatDay("2026-12-05T00:00:00.000Z")).toMatch(/5 Dec 2026|Dec 2026/);
    expect(formatDay(null)).toBe("");
  });
});

describe("tasks", () => {
  const now = new Date(2026, 11, 2, 10, 0);
  const at = (days: number, hour = 12) => new Date(2026, 11, 2 + days, hour).toISOString();
  it("when a task is due, then its state says how soon, in words", () => {
    expect(dueState({ due_at: at(-3), done_at: null }, now)).toEqual({ label: "Overdue 3 days", tone: "red" });
    expect(dueState({ due_at: at(-1), done_at: null }, now)).toEqual({ label: "Overdue since yesterday", tone: "red" });
    expect(dueState({ due_at: at(0, 8), done_at: null }, now)).toEqual({ label: "Due today", tone: "amber" });
    expect(dueState({ due_at: at(1), done_at: null }, now)).toEqual({ label: "Due tomorrow", tone: "amber" });
    expect(dueState({ due_at: at(2), done_at: null }, now)).toEqual({ label: "Due in 2 days", tone: "blue" });
    expect(dueState({ due_at: at(9), done_at: null }, now)).toEqual({ label: "Due in 9 days", tone: "grey" });
    expect(dueState({ due_at: at(-3), done_at: at(-2) }, now)).toEqual({ label: "Done", tone: "green" });
    expect(dueState({ due_at: null, done_at: null }, now)).toEqual({ label: "No due date", tone: "grey" });
  });
  it("when tasks due soon are asked for, then the filter is open tasks due within three days", () => {
    expect(dueSoonFilter(now)).toEqual({ due_at_lte: new Date(now.getTime() + 3 * 86_400_000).toISOString(), done_at: null });
  });
  it("when a task belongs to a deal, then it links to the deal's page", () => {
    expect(recordPath("opportunity", "1")).toBe("/opportunities/1/show");
    expect(recordPath("account", "2")).toBe("/accounts/2/show");
  });
});
