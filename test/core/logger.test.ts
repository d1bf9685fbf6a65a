import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../core/config.ts";
import { chooseLogFormat, createLogger } from "../../core/logger.ts";

describe("chooseLogFormat", () => {
  it("when stdout is a terminal outside tests, then lines are pretty; a pipe, a file or a test gets JSON", () => {
    expect(chooseLogFormat({ isTTY: true, inTest: false })).toBe("pretty");
    expect(chooseLogFormat({ isTTY: false, inTest: false })).toBe("json");
    expect(chooseLogFormat({ isTTY: true, inTest: true })).toBe("json");
  });

  it("when LOG_FORMAT is set, then it wins either way", () => {
    expect(chooseLogFormat({ override: "json", isTTY: true, inTest: false })).toBe("json");
    expect(chooseLogFormat({ override: "pretty", isTTY: false, inTest: true })).toBe("pretty");
    expect(loadConfig({ LOG_FORMAT: "pretty", VITEST: "true" }).logFormat).toBe("pretty");
    expect(loadConfig({ VITEST: "true" }).logFormat).toBe("json");
    expect(() => loadConfig({ LOG_FORMAT: "xml" })).toThrow(/LOG_FORMAT/);
  });
});

describe("createLogger's format", () => {
  const capture = () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, destination };
  };

  it("when the format is pretty, then a line reads as level and message, not JSON, and still holds no secret", () => {
    const { lines, destination } = capture();
    createLogger("info", "test", destination, "pretty").info({ password: "p4ssw0rd-1", lead: 7 }, "lead saved");
    const text = lines.join("");
    expect(text).toMatch(/INFO.*lead saved/);
    expect(text).toContain("lead: 7");
    expect(text).not.toContain("p4ssw0rd-1");
    expect(() => JSON.parse(text)).toThrow();
  });

  it("when the format is json, then every line is one JSON object", () => {
    const { lines, destination } = capture();
    createLogger("info", "test", destination, "json").info({ lead: 7 }, "lead saved");
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "lead saved", lead: 7, name: "test" });
  });
});
