import { describe, expect, it } from "vitest";
import {
  type ImportRecord,
  canImport,
  delimiterLabel,
  errorFileName,
  formatBytes,
  barVariant,
  importControls,
  importCounts,
  importLeadsPath,
  importOptionText,
  importPercent,
  importSummary,
  isImportActive,
  rowsText,
  settingsForm,
  settingsPayload,
  uploadProblem,
  wrongStatusOf,
} from "../../admin/src/resources/imports/importModel.ts";

const imp = (over: Partial<ImportRecord>): ImportRecord => ({
  id: "i1",
  filename: "hubspot-contacts.csv",
  size_bytes: "20480",
  status: "running",
  encoding: "utf-8",
  delimiter: ",",
  has_header: true,
  headers: [],
  preview: [],
  proposed_mapping: {},
  mapping: null,
  defaults: {},
  options: { unmapped: "custom" },
  total_rows: 0,
  total_exact: false,
  processed_rows: 0,
  imported: 0,
  merged: 0,
  flagged: 0,
  rejected: 0,
  created_at: "2026-11-22T10:00:00Z",
  ...over,
});

describe("importPercent", () => {
  it("when running against an estimated total, then processed over total, never full before the end", () => {
    expect(importPercent(imp({ total_rows: 400, processed_rows: 100 }))).toBe(25);
    expect(importPercent(imp({ total_rows: 400, processed_rows: 450 }))).toBe(99);
    expect(importPercent(imp({ total_rows: 400, processed_rows: 400, total_exact: true }))).toBe(100);
    expect(importPercent(imp({ status: "queued" }))).toBe(0);
  });
  it("when done, then full even when the estimate was off", () => {
    expect(importPercent(imp({ status: "done", total_rows: 10, processed_rows: 7 }))).toBe(100);
  });
});

describe("barVariant", () => {
  it("when queued before any row, then a moving bar; once rows are counted or paused, then a measured one", () => {
    expect(barVariant(imp({ status: "queued" }))).toBe("indeterminate");
    expect(barVariant(imp({ status: "queued", processed_rows: 2000 }))).toBe("determinate");
    expect(barVariant(imp({ status: "paused" }))).toBe("determinate");
  });
});

describe("rowsText and importSummary", () => {
  it("when the total is an estimate, then it carries a tilde; when exact, then not", () => {
    expect(rowsText(imp({ total_rows: 5000, processed_rows: 1200 }))).toBe("1,200 of ~5,000 rows");
    expect(rowsText(imp({ total_rows: 8, processed_rows: 8, total_exact: true }))).toBe("8 of 8 rows");
  });
  it("when each state, then one sentence", () => {
    expect(importSummary(imp({ status: "queued" }))).toBe("Waiting for a worker…");
    expect(importSummary(imp({ status: "paused", total_rows: 10, processed_rows: 4 }))).toBe("Paused after 4 of ~10 rows");
    expect(importSummary(imp({ status: "done", processed_rows: 1 }))).toBe("Finished: 1 row read");
    expect(importSummary(imp({ status: "failed", error: "file vanished" }))).toContain("file vanished");
  });
});

describe("importControls and isImportActive", () => {
  it("when running, then pause and cancel; when paused, then resume and cancel; when finished, then nothing", () => {
    expect(importControls("running")).toEqual({ pause: true, resume: false, cancel: true });
    expect(importControls("paused")).toEqual({ pause: false, resume: true, cancel: true });
    expect(importControls("staged")).toEqual({ pause: false, resume: false, cancel: true });
    expect(importControls("done")).toEqual({ pause: false, resume: false, cancel: false });
  });
  it("when queued or running, then the page keeps polling; when paused, then not", () => {
    expect(isImportActive(imp({ status: "queued" }))).toBe(true);
    expect(isImportActive(imp({ status: "paused" }))).toBe(false);
    expect(isImportActive(undefined)).toBe(false);
  });
});

describe("importCounts", () => {
  it("when the API sends the four counters, then they come in a fixed order as numbers", () => {
    const counts = importCounts(imp({ imported: 5, merged: 1, flagged: 0, rejected: 2 }));
    expect(counts.map((c) => [c.key, c.value])).toEqual([
      ["imported", 5],
      ["merged", 1],
      ["flagged", 0],
      ["rejected", 2],
    ]);
  });
});

describe("links and names", () => {
  it("when linking to an import's leads, then the leads list with the import filter shown", () => {
    const url = new URL(importLeadsPath("abc-1"), "http://x");
    expect(url.pathname).toBe("/leads");
    expect(JSON.parse(url.searchParams.get("filter")!)).toEqual({ import_id: "abc-1" });
    expect(JSON.parse(url.searchParams.get("displayedFilters")!)).toEqual({ import_id: true });
  });
  it("when naming the error file, then the upload's name with -errors", () => {
    expect(errorFileName("hubspot-contacts.csv")).toBe("hubspot-contacts-errors.csv");
    expect(errorFileName(null)).toBe("import-errors.csv");
  });
  it("when showing an import in a picker, then file and day", () => {
    expect(importOptionText({ filename: "a.csv", created_at: "2026-11-22T10:00:00Z" })).toMatch(/^a\.csv · 22 Nov 2026$/);
  });
  it("when formatting sizes and separators, then words a person reads", () => {
    expect(formatBytes("20480")).toBe("20 kB");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1.5 * 1024 ** 2)).toBe("1.5 MB");
    expect(delimiterLabel("\t")).toBe("tab");
    expect(delimiterLabel(";")).toBe("semicolon");
  });
});

describe("uploadProblem", () => {
  it("when the file is empty, too large or a spreadsheet, then why; else null", () => {
    expect(uploadProblem({ name: "a.csv", size: 0 })).toContain("empty");
    expect(uploadProblem({ name: "a.csv", size: 2 * 1024 ** 3 })).toContain("1.0 GB");
    expect(uploadProblem({ name: "leads.xlsx", size: 100 })).toContain("save it as CSV");
    expect(uploadProblem({ name: "leads.csv", size: 100 })).toBeNull();
  });
});

describe("settingsForm and settingsPayload", () => {
  it("when inputs are blank, then the defaults leave them out, as the API's strict schema wants", () => {
    expect(settingsPayload({ source: "  ", campaign: "Diwali ", owner_id: null, tags: ["vip", " ", "vip"], unmapped: "skip" })).toEqual({
      defaults: { campaign: "Diwali", tags: ["vip"] },
      options: { unmapped: "skip" },
    });
  });
  it("when an import or template holds settings, then the form starts from them", () => {
    expect(settingsForm({ source: "hubspot", owner_id: "u1" }, null)).toMatchObject({
      source: "hubspot",
      owner_id: "u1",
      tags: [],
      unmapped: "custom",
    });
  });
});

describe("wrongStatusOf and canImport", () => {
  it("when the API answers import.wrong_status, then the import's real state", () => {
    expect(wrongStatusOf({ error: { code: "import_wrong_status", message: "…", details: { status: "done" } } })).toBe("done");
    expect(wrongStatusOf({ error: { code: "forbidden" } })).toBeNull();
  });
  it("when a rep, then no import; managers, admins and marketers import", () => {
    expect(canImport("rep")).toBe(false);
    expect(["admin", "manager", "marketer"].every(canImport)).toBe(true);
  });
});
