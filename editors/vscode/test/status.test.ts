import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { countFindings, SeverityValue, statusText, statusTooltip } from "../src/status";

describe("status bar", () => {
  it("counts only debrief-ls findings, hints as infos", () => {
    const counts = countFindings([
      { source: "debrief-ls", severity: SeverityValue.Error },
      { source: "debrief-ls", severity: SeverityValue.Warning },
      { source: "debrief-ls", severity: SeverityValue.Warning },
      { source: "debrief-ls", severity: SeverityValue.Information },
      { source: "debrief-ls", severity: SeverityValue.Hint },
      { source: "markdownlint", severity: SeverityValue.Error },
      { severity: SeverityValue.Warning },
    ]);
    assert.deepEqual(counts, { errors: 1, warnings: 2, infos: 2 });
  });

  it("shows the counts with icons and says them in words", () => {
    assert.equal(statusText({ errors: 1, warnings: 0, infos: 3 }), "$(error) 1 $(warning) 0 $(info) 3");
    assert.match(statusTooltip({ errors: 1, warnings: 0, infos: 3 }), /1 error, 0 warnings, 3 infos/);
    assert.equal(statusTooltip({ errors: 0, warnings: 0, infos: 0 }), "debrief-ls findings in this debrief: none");
  });
});
