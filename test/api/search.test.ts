import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.ts";
import { json, tag, writes } from "../support/json-api.ts";
import { containsPattern } from "../../api/rest/list-query.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});
const { post } = writes(() => stack);

const found = async (resource: string, q: string): Promise<string[]> =>
  (await json(stack.api(`/${resource}?filter=${encodeURIComponent(JSON.stringify({ q }))}&range=[0,99]`))).map((r: { id: string }) => r.id);

describe("search finds what people type", () => {
  it("when a rep types part of an email, the last digits of a phone, a piece of the company or the lead number, then the lead is found", async () => {
    const t = tag();
    const lead = await post("/leads", {
      first_name: "Rahul",
      last_name: `Patil${t}`,
      email: `rahul.patil.${t}@aaravlogistics${t}.in`,
      phone: `+91 98765 ${t.replace(/\D/g, "").padEnd(2, "7").slice(0, 2)}210`,
      company: `Aarav Logistics${t} Pvt Ltd`,
    });
    const other = await post("/leads", { first_name: "Meera", email: `meera.${t}@example.in`, phone: "+91 99887 76655" });
    const lastDigits = String(lead.phone_e164).slice(-5);
    const numberTail = String(lead.lead_number).slice(-5);
    for (const q of [
      `aaravlogistics${t}`,
      `rahul.patil.${t}`,
      lastDigits,
      `${String(lead.phone_e164).slice(3, 8)} ${lastDigits}`,
      `logistics${t}`,
      lead.lead_number,
      numberTail,
    ]) {
      const ids = await found("leads", q);
      expect(ids, q).toContain(lead.id);
      expect(ids, q).not.toContain(other.id);
    }
    // Words still work as before: a name prefix.
    expect(await found("leads", `rahul patil${t}`)).toEqual([lead.id]);
  });

  it("when a rep types part of an email or the last digits of a phone, then the contact is found", async () => {
    const t = tag();
    const contact = await post("/contacts", {
      first_name: "Rahul",
      last_name: `Patil${t}`,
      email: `rahul.patil.${t}@aaravlogistics${t}.in`,
      phone: "+91 98765 43210",
    });
    const ids = async (q: string) => found("contacts", q);
    expect(await ids(`aaravlogistics${t}`)).toContain(contact.id);
    expect(await ids(`rahul.patil.${t}`)).toContain(contact.id);
    expect(await ids("43210")).toContain(contact.id);
    expect(await ids("9876543210")).toContain(contact.id);
    expect(await ids("98765-43210")).toContain(contact.id);
  });

  it("when the text reads as a phone, then its digits are what is looked for; under three characters, nothing is", () => {
    expect(containsPattern("98765 43210")).toEqual({ text: "%98765 43210%", digits: "%9876543210%" });
    expect(containsPattern("AaravLogistics")).toEqual({ text: "%aaravlogistics%", digits: null });
    expect(containsPattern("50%_off")).toEqual({ text: "%50\\%\\_off%", digits: null });
    expect(containsPattern("ab")).toEqual({ text: null, digits: null });
  });
});
