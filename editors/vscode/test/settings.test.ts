import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";

import { Inspection, isSetByUser, mirroredKeys, serverSettings, SettingLookup } from "../src/settings";

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8"));
const contributed = pkg.contributes.configuration;

/** A lookup over user values (as settings.json would hold them) and contributed defaults. */
function lookupFrom(user: Record<string, unknown>, defaults: Record<string, unknown> = {}): SettingLookup {
  return (key) => {
    const inspection: Inspection = { defaultValue: defaults[key], globalValue: user[key] };
    return { value: key in user ? user[key] : defaults[key], inspection };
  };
}

function contributedDefaults(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const section of contributed) {
    for (const [name, schema] of Object.entries<{ default?: unknown }>(section.properties)) {
      out[name.slice("debrief.".length)] = schema.default;
    }
  }
  return out;
}

describe("mirroredKeys", () => {
  const keys = mirroredKeys(contributed);

  it("mirrors rules, limits, globs, words and the log level", () => {
    for (const key of ["rules.blame-judgement", "rules.term-post-mortem", "limits.followup-budget.sev1", "limits.gap-share", "include", "exclude", "words.blame", "logLevel"]) {
      assert.ok(keys.includes(key), `${key} is mirrored`);
    }
  });

  it("keeps the extension's own settings to itself", () => {
    assert.ok(!keys.includes("server.path"));
    assert.ok(!keys.includes("trace.server"));
  });

  it("reads one section as well as a list of them", () => {
    assert.deepEqual(mirroredKeys({ properties: { "debrief.rules.x": {}, "other.y": {} } }), ["rules.x"]);
    assert.deepEqual(mirroredKeys(undefined), []);
  });
});

describe("isSetByUser", () => {
  it("ignores the contributed default", () => {
    assert.equal(isSetByUser({ defaultValue: "warning" }), false);
    assert.equal(isSetByUser(undefined), false);
  });

  it("counts every scope a user can write to", () => {
    for (const scope of ["globalValue", "workspaceValue", "workspaceFolderValue", "globalLanguageValue", "workspaceLanguageValue", "workspaceFolderLanguageValue"] as const) {
      assert.equal(isSetByUser({ [scope]: "error" }), true, scope);
    }
  });
});

describe("serverSettings", () => {
  const keys = mirroredKeys(contributed);
  const defaults = contributedDefaults();

  it("sends nothing when nothing is set, so debrief.toml is not overridden by defaults", () => {
    assert.deepEqual(serverSettings(keys, lookupFrom({}, defaults)), {});
  });

  it("nests dotted settings under the debrief.toml keys", () => {
    const settings = serverSettings(
      keys,
      lookupFrom(
        {
          "rules.blame-judgement": "error",
          "rules.timeline-gap": "off",
          "limits.followup-budget.sev1": 20,
          "limits.followup-budget.unknown": 4,
          "limits.gap-share": 0.5,
          include: ["docs/incidents/**/*.md"],
          "words.allow": ["Jenkins"],
          logLevel: "debug",
        },
        defaults,
      ),
    );
    assert.deepEqual(settings, {
      rules: { "blame-judgement": "error", "timeline-gap": "off" },
      limits: { "followup-budget": { sev1: 20, unknown: 4 }, "gap-share": 0.5 },
      include: ["docs/incidents/**/*.md"],
      words: { allow: ["Jenkins"] },
      logLevel: "debug",
    });
  });

  it("sends a value set back to its default: the user chose it over debrief.toml", () => {
    assert.deepEqual(serverSettings(keys, lookupFrom({ "rules.blame-judgement": "warning" }, defaults)), {
      rules: { "blame-judgement": "warning" },
    });
  });

  it("uses the effective value when the user set it in any scope", () => {
    const lookup: SettingLookup = (key) =>
      key === "rules.cause-human-error"
        ? { value: "info", inspection: { globalValue: "warning", workspaceFolderValue: "info" } }
        : { value: undefined, inspection: undefined };
    assert.deepEqual(serverSettings(keys, lookup), { rules: { "cause-human-error": "info" } });
  });

  it("leaves out settings the user cleared to null", () => {
    assert.deepEqual(serverSettings(keys, lookupFrom({ include: null })), {});
  });

  it("never sends the client-only settings", () => {
    const all = lookupFrom({ "server.path": "/x", "trace.server": "verbose" });
    assert.deepEqual(serverSettings(keys, all), {});
  });
});
