import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";

import { convertReport, parseReport, splitLines, utf16Character } from "../src/checkReport";
import { serverBinary } from "../scripts/generate";

describe("utf16Character", () => {
  it("counts characters outside the BMP as two code units", () => {
    const line = "😀 x";
    assert.equal(utf16Character(line, 1), 0);
    assert.equal(utf16Character(line, 2), 2, "after the emoji");
    assert.equal(utf16Character(line, 3), 3);
  });

  it("counts accented and CJK characters as one", () => {
    assert.equal(utf16Character("héllo 事故", 8), 7);
  });

  it("clamps columns past the end of the line", () => {
    assert.equal(utf16Character("ab", 9), 2);
    assert.equal(utf16Character("", 1), 0);
  });
});

describe("splitLines", () => {
  it("splits at \\n and drops a \\r before it", () => {
    assert.deepEqual(splitLines("a\r\nb\nc"), ["a", "b", "c"]);
  });
});

/** Runs the built checker on files in a temporary folder. */
function check(files: Record<string, string>): { root: string; stdout: string; status: number | null } {
  const root = mkdtempSync(path.join(tmpdir(), "debrief-check-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  const r = spawnSync(serverBinary(), ["check", "--format", "json", "--fail-on", "never", "--color", "never", "."], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { root, stdout: r.stdout, status: r.status };
}

describe("convertReport on the checker's own output", () => {
  it("puts each finding on the text it flags, past emoji, accents and CRLF", () => {
    const text = "# Incident debrief: 😀 checkout 🚀 errors\r\n\r\n## Contributing factors\r\n\r\nÀ 😀😀 glitch: human error in the 🚀 deploy.\r\n";
    const { root, stdout, status } = check({ "postmortems/2026-03-01.md": text, "notes/readme.md": "# Notes\n\nhuman error\n" });
    assert.equal(status, 0);
    const report = parseReport(stdout);
    const files = convertReport(report, (p) => readFileSync(path.resolve(root, p), "utf8"));
    assert.equal(files.length, 1, "only the debrief is checked in a walk");
    const lines = splitLines(text);
    const human = files[0].findings.find((f) => f.rule === "cause-human-error");
    assert.ok(human, `a cause-human-error finding in ${JSON.stringify(files[0].findings)}`);
    assert.equal(human.severity, "error");
    assert.equal(human.start.line, human.end.line);
    const flagged = lines[human.start.line].slice(human.start.character, human.end.character);
    assert.equal(flagged.toLowerCase(), "human error");
  });

  it("lists clean files with no findings", () => {
    const report = { version: 1, files: [{ path: "a.md", diagnostics: [] }], summary: { files: 1, diagnostics: 0, errors: 0, warnings: 0, infos: 0 } };
    assert.deepEqual(convertReport(report, () => assert.fail("a clean file is not read")), [{ path: "a.md", findings: [] }]);
  });

  it("rejects output that is not the version 1 report", () => {
    assert.throws(() => parseReport('{"version": 2, "files": []}'), /version 1/);
    assert.throws(() => parseReport("error: no such file"));
  });
});
