import { describe, expect, it } from "vitest";
import {
  canReplay,
  eventErrorSeverity,
  filenameFromDisposition,
  isSettled,
} from "../../admin/src/resources/inbound_events/inboundEventModel.ts";

describe("filenameFromDisposition", () => {
  it("when the API names the file, then that name is used", () => {
    expect(filenameFromDisposition('attachment; filename="abc.eml"', "x.txt")).toBe("abc.eml");
    expect(filenameFromDisposition("attachment; filename=abc.json", "x.txt")).toBe("abc.json");
    expect(filenameFromDisposition("attachment; filename*=UTF-8''l%C3%A9ad.txt", "x.txt")).toBe("léad.txt");
  });
  it("when the header is missing or names a path, then the fallback or a flattened name is used", () => {
    expect(filenameFromDisposition(null, "x.txt")).toBe("x.txt");
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"', "x.txt")).toBe(".._.._etc_passwd");
    expect(filenameFromDisposition('attachment; filename=""', "x.txt")).toBe("x.txt");
  });
});

describe("canReplay / isSettled", () => {
  it("when the event failed, then it can be replayed; otherwise not", () => {
    expect(canReplay({ status: "failed" })).toBe(true);
    expect(canReplay({ status: "done" })).toBe(false);
    expect(canReplay(null)).toBe(false);
  });
  it("when intake has finished either way, then the event is settled", () => {
    expect(isSettled({ status: "done" })).toBe(true);
    expect(isSettled({ status: "failed" })).toBe(true);
    expect(isSettled({ status: "processing" })).toBe(false);
  });
});

describe("eventErrorSeverity", () => {
  it("when an event made its lead with a note (an email dropped), then it warns; a rejected or failed one is an error", () => {
    expect(eventErrorSeverity({ outcome: "created" })).toBe("warning");
    expect(eventErrorSeverity({ outcome: "merged" })).toBe("warning");
    expect(eventErrorSeverity({ outcome: "rejected" })).toBe("error");
    expect(eventErrorSeverity({ outcome: null })).toBe("error");
  });
});
