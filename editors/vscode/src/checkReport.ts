// `debrief-ls check --format json` (SPEC 6) → findings with editor positions.
// The JSON counts lines and columns from 1 and columns in Unicode scalar values; VS Code
// counts from 0 in UTF-16 code units, so each column is converted against the line's text.

export type Severity = "error" | "warning" | "info";

/** A position as VS Code counts it: 0-based line, UTF-16 character. */
export interface EditorPosition {
  line: number;
  character: number;
}

export interface EditorFinding {
  rule: string;
  severity: Severity;
  message: string;
  start: EditorPosition;
  end: EditorPosition;
}

export interface FileFindings {
  /** As the JSON names it: relative to the folder `check` ran in, or absolute. */
  path: string;
  findings: EditorFinding[];
}

interface JsonPosition {
  line: number;
  column: number;
}

interface JsonReport {
  version: number;
  files: { path: string; diagnostics: { rule: string; severity: string; message: string; range: { start: JsonPosition; end: JsonPosition } }[] }[];
  summary: { files: number; diagnostics: number; errors: number; warnings: number; infos: number };
}

export type Summary = JsonReport["summary"];

/** Splits text into lines as the checker does: at `\n`, a `\r` before it is not content. */
export function splitLines(text: string): string[] {
  return text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
}

/**
 * The UTF-16 offset of a 1-based scalar-value column in `line`. Columns past the end of
 * the line are clamped to its end.
 */
export function utf16Character(line: string, column: number): number {
  let remaining = Math.max(0, column - 1);
  let units = 0;
  for (const ch of line) {
    if (remaining === 0) break;
    units += ch.length; // 2 for a character outside the Basic Multilingual Plane
    remaining--;
  }
  return units;
}

function toEditor(p: JsonPosition, lines: readonly string[]): EditorPosition {
  const line = Math.max(0, p.line - 1);
  if (line >= lines.length) {
    const last = Math.max(0, lines.length - 1);
    return { line: last, character: (lines[last] ?? "").length };
  }
  return { line, character: utf16Character(lines[line], p.column) };
}

function severityOf(s: string): Severity {
  return s === "error" || s === "warning" ? s : "info";
}

/** Reads the report; throws on anything that is not the version-1 JSON of SPEC 6. */
export function parseReport(stdout: string): JsonReport {
  const report = JSON.parse(stdout) as JsonReport;
  if (report === null || typeof report !== "object" || report.version !== 1 || !Array.isArray(report.files)) {
    throw new Error("debrief-ls check did not print a version 1 JSON report");
  }
  return report;
}

/**
 * Converts the report, reading each file with findings through `readText` (the editor's
 * text when the file is open, else the disk). Files with no findings are listed too, so
 * their old findings can be cleared.
 */
export function convertReport(report: JsonReport, readText: (path: string) => string | undefined): FileFindings[] {
  return report.files.map((file) => {
    if (file.diagnostics.length === 0) return { path: file.path, findings: [] };
    const lines = splitLines(readText(file.path) ?? "");
    return {
      path: file.path,
      findings: file.diagnostics.map((d) => ({
        rule: d.rule,
        severity: severityOf(d.severity),
        message: d.message,
        start: toEditor(d.range.start, lines),
        end: toEditor(d.range.end, lines),
      })),
    };
  });
}
