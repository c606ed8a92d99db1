// The settings in package.json and the debrief.toml schema against the rule registry and
// the server's configuration keys.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";

import Ajv from "ajv";
import { parse as parseToml, stringify as stringifyToml } from "smol-toml";

import { drift, PACKAGE_JSON, registryRules, renderPackageJson, serverBinary, SCHEMA_JSON } from "../scripts/generate";
import { parseRules } from "../scripts/settings-source";
import { mirroredKeys, serverSettings } from "../src/settings";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..", "..");
const rules = registryRules();
const pkg = JSON.parse(readFileSync(PACKAGE_JSON, "utf8"));
const schema = JSON.parse(readFileSync(SCHEMA_JSON, "utf8"));

function validator() {
  const ajv = new Ajv({ allErrors: true });
  ajv.addVocabulary(["markdownDescription", "enumDescriptions"]);
  return ajv.compile(schema);
}

/** Runs `debrief-ls check --config` with `toml` on an example debrief. */
function checkWithConfig(toml: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "debrief-config-"));
  const config = path.join(dir, "debrief.toml");
  writeFileSync(config, toml);
  const example = path.join(REPO_ROOT, "examples", "postmortems", "2026-03-01-checkout-errors.md");
  const r = spawnSync(serverBinary(), ["check", "--fail-on", "never", "--color", "never", "--config", config, example], { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stderr: r.stderr };
}

function settingsProperties(): Record<string, { default: unknown }> {
  return Object.assign({}, ...pkg.contributes.configuration.map((s: { properties: object }) => s.properties));
}

describe("generated from the rule registry", () => {
  it("package.json and the schema are what `npm run generate` writes", () => {
    assert.deepEqual(drift(rules), [], "run `npm run generate` in editors/vscode");
  });

  it("a rule added to the registry would show as drift", () => {
    const more = [...rules, { id: "a-new-rule", level: "info" as const, summary: "Something new" }];
    const current = readFileSync(PACKAGE_JSON, "utf8");
    assert.notEqual(renderPackageJson(current, more), current);
  });

  it("has one setting per rule, with the registry's default level", () => {
    const props = settingsProperties();
    const ruleSettings = Object.keys(props).filter((k) => k.startsWith("debrief.rules."));
    assert.deepEqual(ruleSettings.sort(), rules.map((r) => `debrief.rules.${r.id}`).sort());
    for (const r of rules) {
      assert.equal(props[`debrief.rules.${r.id}`].default, r.level, r.id);
      assert.equal(schema.properties.rules.properties[r.id].default, r.level, r.id);
    }
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), rules.map((r) => r.id).sort());
  });

  it("reads `debrief-ls rules` and refuses anything else", () => {
    assert.deepEqual(parseRules("blame-judgement   warning  Judgement words (\"should have known\")\n"), [
      { id: "blame-judgement", level: "warning", summary: 'Judgement words ("should have known")' },
    ]);
    assert.throws(() => parseRules("blame-judgement loud Judgement words\n"), /cannot read/);
    assert.throws(() => parseRules("\n"), /no rule/);
  });
});

describe("the debrief.toml schema", () => {
  it("accepts the README's example configuration", () => {
    const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Configuration"));
    const block = /```toml\n([\s\S]*?)```/.exec(section);
    assert.ok(block, "the README's Configuration section has a toml block");
    const validate = validator();
    assert.ok(validate(parseToml(block[1])), JSON.stringify(validate.errors));
  });

  it("rejects unknown rules, levels and limits", () => {
    const validate = validator();
    assert.equal(validate({ rules: { "blame-judgment": "error" } }), false, "misspelt rule id");
    assert.equal(validate({ rules: { "blame-judgement": "warn" } }), false, "unknown level");
    assert.equal(validate({ limits: { "gap-hours": 1 } }), false, "unknown limit");
    assert.equal(validate({ limits: { "gap-share": 2 } }), false, "share above 1");
    assert.equal(validate({ limits: { "followup-budget": { sev6: 1 } } }), false, "unknown severity");
  });

  it("names only keys the server accepts: every key at its default passes `check --config`", () => {
    const full: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries<{ default?: unknown; properties?: Record<string, { default?: unknown; properties?: Record<string, { default?: unknown }> }> }>(schema.properties)) {
      if (prop.properties) {
        full[key] = Object.fromEntries(
          Object.entries(prop.properties).map(([k, p]) => [k, p.properties ? Object.fromEntries(Object.entries(p.properties).map(([kk, pp]) => [kk, pp.default])) : p.default]),
        );
      } else {
        full[key] = prop.default;
      }
    }
    assert.ok(validator()(full));
    const toml = stringifyToml(full);
    assert.match(toml, /sev5 = 3/);
    const r = checkWithConfig(toml);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /error/i);
  });

  it("the server does refuse a key it does not know (so the check above means something)", () => {
    const r = checkWithConfig("[limits]\ngap-hours = 1\n");
    assert.equal(r.status, 2);
    assert.match(r.stderr, /gap-hours/);
  });
});

describe("the editor settings", () => {
  it("every mirrored setting, set by a user, maps to configuration the server accepts", () => {
    const props = settingsProperties();
    const keys = mirroredKeys(pkg.contributes.configuration);
    const settings = serverSettings(keys, (key) => ({ value: props[`debrief.${key}`].default, inspection: { globalValue: props[`debrief.${key}`].default } }));
    // logLevel and inlayHints are read from editor settings only; debrief.toml has no such keys.
    const { logLevel, inlayHints, ...configuration } = settings;
    assert.equal(logLevel, "info");
    assert.equal(inlayHints, true);
    assert.ok(validator()(configuration), "the settings follow the debrief.toml schema");
    const r = checkWithConfig(stringifyToml(configuration));
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /error/i);
  });
});
