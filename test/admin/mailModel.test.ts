import { describe, expect, it } from "vitest";
import { insertAt, mailBannerText, variableTag } from "../../admin/src/nurture/mailModel.ts";

describe("mail model", () => {
  it("says outbound mail is not set up with the count waiting; nothing when mail goes out or is caught", () => {
    expect(mailBannerText({ state: "not_configured", waiting: 2 })).toBe("Outbound mail is not set up: 2 emails waiting");
    expect(mailBannerText({ state: "not_configured", waiting: 1 })).toBe("Outbound mail is not set up: 1 email waiting");
    expect(mailBannerText({ state: "not_configured", waiting: 0 })).toBe("Outbound mail is not set up: no emails waiting yet");
    expect(mailBannerText({ state: "configured", waiting: 0 })).toBeNull();
    expect(mailBannerText({ state: "catcher", waiting: 0 })).toBeNull();
    expect(mailBannerText(undefined)).toBeNull();
  });

  it("inserts a variable at the cursor or at the end, spaced from a word before it", () => {
    expect(variableTag("lead.first_name")).toBe("{{ lead.first_name }}");
    expect(variableTag("lead.custom_fields.<key>")).toBe("{{ lead.custom_fields.your_field }}");
    expect(insertAt("Hi", "{{ x }}")).toBe("Hi {{ x }}");
    expect(insertAt("Hi ,", "{{ x }}", 3)).toBe("Hi {{ x }},");
    expect(insertAt("", "{{ x }}", 0)).toBe("{{ x }}");
  });
});
