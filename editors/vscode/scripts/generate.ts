// Regenerates `contributes.configuration` in package.json and schemas/debrief.schema.json
// from the rule registry, as the built server prints it (`debrief-ls rules`).
//
//   node out/scripts/generate.js           write both files
//   node out/scripts/generate.js --check   exit 1 when either differs from what it would write
//
// The binary is $DEBRIEF_LS_BIN, else target/release/debrief-ls, else target/debug/debrief-ls.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

import { configurationContribution, parseRules, RuleInfo, tomlSchema } from "./settings-source";

/** The extension's folder (this file runs from out/scripts/). */
export const EXTENSION_DIR = path.resolve(__dirname, "..", "..");
const REPO_ROOT = path.resolve(EXTENSION_DIR, "..", "..");
export const PACKAGE_JSON = path.join(EXTENSION_DIR, "package.json");
export const SCHEMA_JSON = path.join(EXTENSION_DIR, "schemas", "debrief.schema.json");

/** The server binary the generator and the tests run. */
export function serverBinary(): string {
  const exe = process.platform === "win32" ? "debrief-ls.exe" : "debrief-ls";
  const candidates = [
    process.env.DEBRIEF_LS_BIN,
    path.join(REPO_ROOT, "target", "release", exe),
    path.join(REPO_ROOT, "target", "debug", exe),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`no debrief-ls binary: build it (cargo build --release -p debrief-ls) or set DEBRIEF_LS_BIN; tried ${candidates.join(", ")}`);
  }
  return found;
}

/** The registry, from the binary. */
export function registryRules(binary = serverBinary()): RuleInfo[] {
  return parseRules(execFileSync(binary, ["rules"], { encoding: "utf8", timeout: 30_000 }));
}

/** package.json text with `contributes.configuration` rebuilt; everything else kept. */
export function renderPackageJson(current: string, rules: readonly RuleInfo[]): string {
  const pkg = JSON.parse(current) as { contributes?: Record<string, unknown> };
  pkg.contributes = { ...(pkg.contributes ?? {}), configuration: configurationContribution(rules) };
  return JSON.stringify(pkg, null, 2) + "\n";
}

/** schemas/debrief.schema.json text. */
export function renderSchema(rules: readonly RuleInfo[]): string {
  return JSON.stringify(tomlSchema(rules), null, 2) + "\n";
}

/** The generated files whose text on disk differs from what the registry gives. */
export function drift(rules: readonly RuleInfo[]): string[] {
  const stale: string[] = [];
  const pkg = readFileSync(PACKAGE_JSON, "utf8");
  if (renderPackageJson(pkg, rules) !== pkg) stale.push(PACKAGE_JSON);
  const schema = existsSync(SCHEMA_JSON) ? readFileSync(SCHEMA_JSON, "utf8") : "";
  if (renderSchema(rules) !== schema) stale.push(SCHEMA_JSON);
  return stale;
}

function main(): void {
  const rules = registryRules();
  if (process.argv.includes("--check")) {
    const stale = drift(rules);
    if (stale.length > 0) {
      console.error(`out of date with the rule registry: ${stale.join(", ")}\nrun \`npm run generate\` in editors/vscode`);
      process.exit(1);
    }
    console.log(`package.json and the debrief.toml schema match the registry (${rules.length} rules)`);
    return;
  }
  writeFileSync(PACKAGE_JSON, renderPackageJson(readFileSync(PACKAGE_JSON, "utf8"), rules));
  writeFileSync(SCHEMA_JSON, renderSchema(rules));
  console.log(`wrote ${PACKAGE_JSON} and ${SCHEMA_JSON} (${rules.length} rules)`);
}

if (require.main === module) main();
