// The status bar item's text: the active file's debrief-ls findings by severity.

/** The `source` the server (and the workspace check) put on every finding. */
export const SOURCE = "debrief-ls";

/** VS Code's `DiagnosticSeverity` values (kept here so this file needs no `vscode`). */
export const SeverityValue = { Error: 0, Warning: 1, Information: 2, Hint: 3 } as const;

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Counts the findings that came from debrief-ls; hints count as information. */
export function countFindings(diagnostics: readonly { source?: string; severity: number }[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.source !== SOURCE) continue;
    if (d.severity === SeverityValue.Error) counts.errors++;
    else if (d.severity === SeverityValue.Warning) counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

/** `$(error) 1 $(warning) 3 $(info) 2`, with codicons. */
export function statusText(c: Counts): string {
  return `$(error) ${c.errors} $(warning) ${c.warnings} $(info) ${c.infos}`;
}

/** The tooltip and screen-reader label: "debrief-ls findings in this debrief: 1 error, …". */
export function statusTooltip(c: Counts): string {
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const total = c.errors + c.warnings + c.infos;
  if (total === 0) return "debrief-ls findings in this debrief: none";
  return `debrief-ls findings in this debrief: ${n(c.errors, "error", "errors")}, ${n(c.warnings, "warning", "warnings")}, ${n(c.infos, "info", "infos")}. Click to open Problems.`;
}
