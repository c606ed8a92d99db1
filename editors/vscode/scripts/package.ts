// `npm run package`: type-checks, bundles the extension with esbuild, bundles the server
// binary when one is built, and packs `debrief-ls-<version>.vsix` here with vsce.
//
// The server bundled is $DEBRIEF_LS_BIN, else ../../target/release/debrief-ls. With one,
// the .vsix is for this platform (vsce --target, e.g. linux-x64); without, it is universal
// and finds debrief-ls through the setting or PATH.

import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";

import { executableName } from "../src/discovery";

const EXTENSION_DIR = path.resolve(__dirname, "..", "..");
const REPO_ROOT = path.resolve(EXTENSION_DIR, "..", "..");
const BIN = path.join(EXTENSION_DIR, "node_modules", ".bin");

/** VS Code's name for this platform (the values vsce --target takes). */
export function vsceTarget(platform: NodeJS.Platform, arch: string): string | undefined {
  const os = platform === "win32" ? "win32" : platform === "darwin" ? "darwin" : platform === "linux" ? "linux" : undefined;
  const cpu = arch === "x64" ? "x64" : arch === "arm64" ? "arm64" : arch === "arm" ? "armhf" : undefined;
  return os && cpu ? `${os}-${cpu}` : undefined;
}

function run(tool: string, args: string[]): void {
  execFileSync(path.join(BIN, tool), args, { cwd: EXTENSION_DIR, stdio: "inherit" });
}

function main(): void {
  const version = (JSON.parse(readFileSync(path.join(EXTENSION_DIR, "package.json"), "utf8")) as { version: string }).version;

  run("esbuild", [
    "src/extension.ts",
    "--bundle",
    "--outfile=dist/extension.js",
    "--external:vscode",
    "--format=cjs",
    "--platform=node",
    "--target=node18",
    "--minify",
    "--log-level=warning",
  ]);

  const serverDir = path.join(EXTENSION_DIR, "server");
  rmSync(serverDir, { recursive: true, force: true });
  const exe = executableName(process.platform);
  const binary = process.env.DEBRIEF_LS_BIN || path.join(REPO_ROOT, "target", "release", exe);
  const args = ["package", "--no-dependencies", "--out", `debrief-ls-${version}.vsix`];
  if (existsSync(binary)) {
    mkdirSync(serverDir, { recursive: true });
    const bundled = path.join(serverDir, exe);
    copyFileSync(binary, bundled);
    chmodSync(bundled, 0o755);
    if (process.platform === "linux") {
      // Debug line tables are for developers; stripped, the server is a fifth of the size.
      try {
        execFileSync("strip", [bundled]);
      } catch {
        console.log("strip is not available: bundling the server unstripped");
      }
    }
    const target = process.env.DEBRIEF_VSCODE_TARGET || vsceTarget(process.platform, process.arch);
    if (target) args.push("--target", target);
    console.log(`bundling the server ${binary}${target ? ` for ${target}` : ""}`);
  } else {
    console.log(`no ${binary}: packaging without a server (users need debrief-ls on PATH or debrief.server.path)`);
  }
  run("vsce", args);
  console.log(path.join(EXTENSION_DIR, `debrief-ls-${version}.vsix`));
}

if (require.main === module) main();
