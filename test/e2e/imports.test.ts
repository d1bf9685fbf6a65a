import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Browser, Page } from "playwright-core";
import { consolePage, launchChromium, PAGE_TIMEOUT, ensureSignedIn, screenshots } from "../support/browser.ts";
import { startStack, type Stack } from "../support/stack.ts";

// The CSV import console in real Chromium against a real stack and worker: upload, preview, mapping,
// options, the live progress page, the error file, the imported leads and their server-side export.
const FLOW_TIMEOUT = 180_000;
const RUN_TIMEOUT = 60_000;

/**
 * A HubSpot contacts export: row 5 reaches nobody (rejected), row 6 is row 1 again with the email
 * in capitals and the phone spaced (merged), row 3's company is a spreadsheet formula.
 */
const HUBSPOT_EXPORT = [
  `"First Name","Last Name","Email","Phone Number","Company Name","City"`,
  `"Ananya","Iyer","ananya.iyer@gmail.com","+91 98765 43210","Iyer Exports","Chennai"`,
  `"Rohit","Malhotra","rohit.malhotra@outlook.com","9811122233","Malhotra & Sons","New Delhi"`,
  `"Sneha","Kulkarni","sneha.k@yahoo.co.in","","=HYPERLINK(""http://x"",""y"")","Pune"`,
  `"Vikram","Rao","","98450 12345","Rao Constructions","Bengaluru"`,
  `"Meera","Nair","","","Nair Textiles","Kochi"`,
  `"ANANYA","IYER","Ananya.Iyer@GMAIL.com","98765 43210","Iyer Exports","Chennai"`,
  `"Farhan","Qureshi","farhan.qureshi@gmail.com","9820098200","Qureshi Foods","Mumbai"`,
  `"Divya","Menon","divya.menon@rediffmail.com","9447001122","Menon Ayurveda","Thrissur"`,
].join("\r\n");
const FILENAME = "hubspot-contacts-export.csv";
const TEMPLATE = "HubSpot contacts";

let stack: Stack;
let browser: Browser;
let page: Page;
let dataDir: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "leadhub-e2e-imports-"));
  [stack, browser] = await Promise.all([startStack({ env: { LEADHUB_DATA_DIR: dataDir } }), launchChromium()]);
  await stack.startWorker();
  page = await consolePage(browser, pageErrors);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const shot = screenshots("imports", () => page);

const getJson = async <T>(path: string): Promise<T> => (await stack.api(path)).json() as Promise<T>;

/** Clicks what starts a download and returns the file's name and text. */
async function download(click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const pending = page.waitForEvent("download");
  await click();
  const file = await pending;
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, "utf8") };
}

async function uploadFile(name: string, text: string): Promise<void> {
  await page.locator("[data-testid=import-file]").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.locator("[data-testid=import-preview]").waitFor();
}

const mappingSelect = (header: string) => page.locator(`select.mapping-select[data-header="${header}"]`);

interface ImportRow {
  id: string;
  status: string;
  processed_rows: number;
  imported: number;
  merged: number;
  flagged: number;
  rejected: number;
  dedup_scan_id: string | null;
}

describe("CSV import console", () => {
  it(
    "when a HubSpot export is uploaded, mapped and run, then the screen's counts are the API's, the error file holds the rejected row and the imported leads open filtered",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-import"));
      await ensureSignedIn(page, stack);

      await page.locator("[data-testid=menu-imports]").click();
      await page.waitForURL(/\/imports$/);
      await page.locator('a[href="/imports/create"]').first().click();
      await page.locator("[data-testid=import-dropzone]").waitFor();
      await uploadFile(FILENAME, HUBSPOT_EXPORT);

      // Preview: what the API detected, and the formula shown as the text it is.
      expect(page.url()).toMatch(/\/imports\/create\?import=/);
      expect((await page.locator("[data-testid=detected-encoding]").textContent())?.toLowerCase()).toContain("utf-8");
      expect(await page.locator("[data-testid=detected-delimiter]").textContent()).toContain("comma");
      expect(await page.locator(".preview-row").count()).toBe(8);
      await page.locator(".preview-row td", { hasText: '=HYPERLINK("http://x","y")' }).waitFor();
      await shot("01-preview");
      await page.locator("[data-testid=preview-next]").click();

      // Mapping: the proposal preselected; City is kept as a custom field instead.
      await page.locator("[data-testid=import-mapping]").waitFor();
      expect(await mappingSelect("Email").inputValue()).toBe("email");
      expect(await mappingSelect("Phone Number").inputValue()).toBe("phone");
      expect(await mappingSelect("Company Name").inputValue()).toBe("company");
      expect(await mappingSelect("City").inputValue()).toBe("city");
      expect(await page.locator("[data-testid=no-contact-warning]").count()).toBe(0);
      await mappingSelect("City").selectOption("custom_fields.");
      const customName = page.locator('.mapping-row[data-header="City"] input.custom-name');
      expect(await customName.inputValue()).toBe("city");
      await customName.fill("hubspot city");
      expect(await customName.inputValue()).toBe("hubspot_city");
      await shot("02-mapping");
      // Saved for the next export from the same CRM (applied in the next test).
      await page.locator("[data-testid=save-template]").click();
      await page.locator("[data-testid=template-name]").fill(TEMPLATE);
      await page.locator("[data-testid=confirm-save-template]").click();
      await page.locator(".RaNotification-success", { hasText: "saved" }).waitFor();
      const [template] = await getJson<{ name: string; mapping: Record<string, string> }[]>(
        `/import_templates?filter=${encodeURIComponent(JSON.stringify({ name: TEMPLATE }))}`,
      );
      expect(template.mapping).toMatchObject({ Email: "email", City: "custom_fields.hubspot_city" });
      await page.locator("[data-testid=mapping-next]").click();

      // Options, then run: the wizard hands over to the progress page.
      await page.locator("[data-testid=import-options]").waitFor();
      await page.locator("input[name=source]").fill("hubspot-migration");
      await page.locator("input[name=campaign]").fill("crm-switch-2026");
      await page.locator(".ra-input-tags input").fill("hubspot");
      await page.locator(".ra-input-tags input").press("Enter");
      await shot("03-options");
      await page.locator("[data-testid=run-import]").click();
      await page.waitForURL(/\/imports\/[0-9a-f-]{36}\/show$/);
      const id = /\/imports\/([0-9a-f-]{36})\/show$/.exec(page.url())![1];
      await page.locator("[data-testid=import-show][data-status=done]").waitFor({ timeout: RUN_TIMEOUT });
      await shot("04-done");

      const imp = await getJson<ImportRow>(`/imports/${id}`);
      expect(imp).toMatchObject({ status: "done", processed_rows: 8, imported: 6, merged: 1, rejected: 1 });
      for (const key of ["imported", "merged", "flagged", "rejected"] as const) {
        expect(Number(await page.locator(`#import-progress [data-testid=import-${key}]`).textContent()), key).toBe(imp[key]);
      }

      // The error file: the original columns plus Row and Error, with Meera's row.
      const errors = await download(() => page.locator("#import-progress [data-testid=download-errors]").click());
      expect(errors.name).toMatch(/errors\.csv$/);
      const errorRows: string[][] = parse(errors.text);
      expect(errorRows[0]).toEqual(["First Name", "Last Name", "Email", "Phone Number", "Company Name", "City", "Row", "Error"]);
      expect(errorRows).toHaveLength(2);
      expect(errorRows[1].slice(0, 2)).toEqual(["Meera", "Nair"]);
      expect(errorRows[1][6]).toBe("5");
      expect(errorRows[1][7]).toContain("email or phone");

      // The duplicate scan the import started shows its progress on the same page.
      if (imp.dedup_scan_id) await page.locator("[data-testid=import-scan][data-status=done]").waitFor({ timeout: RUN_TIMEOUT });

      // The imported leads: the list filtered by the import, the filter visible and removable.
      await page.locator("#import-progress [data-testid=view-imported-leads]").click();
      await page.waitForURL(/\/leads\?/);
      await expect.poll(() => page.locator("tbody .RaDatagrid-row").count(), { timeout: PAGE_TIMEOUT }).toBe(6);
      const importFilter = page.locator(".filter-field[data-source=import_id]");
      await importFilter.waitFor();
      expect(await importFilter.locator("input").inputValue()).toContain(FILENAME);
      await shot("05-imported-leads");

      const leads = await getJson<Record<string, unknown>[]>(`/leads?filter=${encodeURIComponent(JSON.stringify({ import_id: id }))}`);
      expect(leads).toHaveLength(6);
      const ananya = leads.find((l) => l.first_name === "Ananya")!;
      expect(ananya).toMatchObject({
        city: null,
        source: "hubspot-migration",
        campaign: "crm-switch-2026",
        custom_fields: { hubspot_city: "Chennai" },
      });
      expect(ananya.tags).toContain("hubspot");
      expect(leads.find((l) => l.first_name === "Sneha")).toMatchObject({ company: '=HYPERLINK("http://x","y")' });

      // "Export CSV" streams the filtered list from the API; the formula is text there.
      const exported = await download(() => page.locator("[data-testid=export-csv]").click());
      expect(exported.name).toBe("leads.csv");
      const exportRows: Record<string, string>[] = parse(exported.text, { columns: true });
      expect(exportRows).toHaveLength(6);
      expect(exportRows.every((r) => r.import_id === id)).toBe(true);
      expect(exportRows.find((r) => r.first_name === "Sneha")?.company).toBe(`'=HYPERLINK("http://x","y")`);
      // Selected rows go through the same export.
      const selected = page.locator("tbody .RaDatagrid-row input[type=checkbox]");
      await selected.nth(0).check();
      await selected.nth(1).check();
      const bulk = await download(() => page.locator("[data-testid=bulk-export-csv]").click());
      expect(parse(bulk.text, { columns: true })).toHaveLength(2);
      await page.getByRole("button", { name: "Unselect" }).click();

      // Removing the filter shows every lead again.
      await importFilter.locator(".RaFilterFormInput-hideButton").click();
      await expect.poll(() => page.url(), { timeout: PAGE_TIMEOUT }).not.toContain("import_id");

      // The imports list: status, counts and the error file link on the row.
      await page.goto(`${stack.baseUrl}/imports`);
      const row = page.locator("tbody .RaDatagrid-row", { hasText: FILENAME });
      await row.waitFor();
      expect(await row.textContent()).toContain("Done");
      expect(Number(await row.locator("[data-testid=import-rejected]").textContent())).toBe(1);
      await row.locator("[data-testid=download-errors]").waitFor();
      await shot("06-list");
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when the next export is uploaded and the saved template applied, then its mapping is taken",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-template"));
      await ensureSignedIn(page, stack);
      await page.goto(`${stack.baseUrl}/imports/create`);
      await uploadFile("hubspot-contacts-december.csv", HUBSPOT_EXPORT.split("\r\n").slice(0, 3).join("\r\n"));
      // The import's id is in the URL: a reload carries on from the preview.
      await page.reload();
      await page.locator("[data-testid=import-preview]").waitFor();
      await page.locator("[data-testid=preview-next]").click();
      expect(await mappingSelect("City").inputValue()).toBe("city");
      await page.locator("[data-testid=apply-template]").selectOption({ label: TEMPLATE });
      await page.getByText("applied to 6 of 6 columns").waitFor();
      expect(await mappingSelect("City").inputValue()).toBe("custom_fields.");
      expect(await page.locator('.mapping-row[data-header="City"] input.custom-name').inputValue()).toBe("hubspot_city");
      await shot("07-template-applied");
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when a file has neither email nor phone, then the mapping warns, and choosing another file cancels the staged upload",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-no-contact"));
      await ensureSignedIn(page, stack);
      await page.goto(`${stack.baseUrl}/imports/create`);
      await uploadFile("names-only.csv", "Name;Town\nKavya Reddy;Hyderabad\nArjun Das;Kolkata\n");
      expect(await page.locator("[data-testid=detected-delimiter]").textContent()).toContain("semicolon");
      const id = new URL(page.url()).searchParams.get("import")!;
      await page.locator("[data-testid=preview-next]").click();
      await page.locator("[data-testid=no-contact-warning]").waitFor();
      await shot("08-no-contact");

      await page.getByRole("button", { name: "Back" }).click();
      await page.getByRole("button", { name: "Choose another file" }).click();
      await page.locator("[data-testid=import-dropzone]").waitFor();
      await expect.poll(async () => (await getJson<ImportRow>(`/imports/${id}`)).status, { timeout: PAGE_TIMEOUT }).toBe("cancelled");
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    "when an import waits for a worker, then it can be paused and resumed from its page, and finishes once a worker runs",
    async ({ onTestFailed }) => {
      onTestFailed(() => shot("failed-pause"));
      await ensureSignedIn(page, stack);
      await stack.stopWorker();
      try {
        await page.goto(`${stack.baseUrl}/imports/create`);
        await uploadFile("expo-visitors.csv", "Name,Mobile\nPooja Shah,9898012345\nKaran Mehta,9898023456\n");
        await page.locator("[data-testid=preview-next]").click();
        await page.locator("[data-testid=mapping-next]").click();
        await page.locator("[data-testid=run-import]").click();
        await page.waitForURL(/\/imports\/[0-9a-f-]{36}\/show$/);
        const id = /\/imports\/([0-9a-f-]{36})\/show$/.exec(page.url())![1];
        await page.locator("[data-testid=import-show][data-status=queued]").waitFor();

        await page.locator("[data-testid=import-pause]").click();
        await page.locator("[data-testid=import-show][data-status=paused]").waitFor();
        expect((await getJson<ImportRow>(`/imports/${id}`)).status).toBe("paused");
        expect(await page.locator("[data-testid=import-pause]").count()).toBe(0);
        await shot("09-paused");

        await page.locator("[data-testid=import-resume]").click();
        await page.locator("[data-testid=import-show][data-status=queued]").waitFor();
      } finally {
        await stack.startWorker();
      }
      // Still polling: the page follows the worker to the end without a reload.
      await page.locator("[data-testid=import-show][data-status=done]").waitFor({ timeout: RUN_TIMEOUT });
      expect(Number(await page.locator("#import-progress [data-testid=import-imported]").textContent())).toBe(2);
      expect(await page.locator("[data-testid=import-pause], [data-testid=import-resume], [data-testid=import-cancel]").count()).toBe(0);
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});
