// Which `debrief-ls` binary the extension starts: the `debrief.server.path` setting, else
// the binary bundled in the extension (server/), else `debrief-ls` on PATH.
// Pure apart from the file checks it is given, so the order is unit-tested.

import * as path from "node:path";

export type ServerSource = "setting" | "bundled" | "PATH";

export type Discovery =
  | { found: true; path: string; source: ServerSource }
  | { found: false; message: string; tried: string[] };

/** What discovery may look at. */
export interface DiscoverySystem {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
  /** Whether `file` is a file this user may execute. */
  isExecutable(file: string): boolean;
}

export interface DiscoveryInput {
  /** `debrief.server.path`, as written. */
  configured: string | undefined;
  /** The extension's install folder. */
  extensionPath: string;
  /** The first workspace folder, for a relative `debrief.server.path`. */
  workspaceFolder: string | undefined;
}

/** The executable's file name on this platform. */
export function executableName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "debrief-ls.exe" : "debrief-ls";
}

/** Where a bundled binary sits in the extension. */
export function bundledPath(extensionPath: string, platform: NodeJS.Platform): string {
  return path.join(extensionPath, "server", executableName(platform));
}

/** Expands `~` and `${workspaceFolder}` and resolves a relative path against the workspace. */
export function expandConfigured(configured: string, input: DiscoveryInput, sys: DiscoverySystem): string {
  let p = configured.trim();
  if (input.workspaceFolder !== undefined) p = p.split("${workspaceFolder}").join(input.workspaceFolder);
  if (p === "~") p = sys.homedir;
  else if (p.startsWith("~/") || p.startsWith("~\\")) p = path.join(sys.homedir, p.slice(2));
  if (!path.isAbsolute(p) && input.workspaceFolder !== undefined) p = path.join(input.workspaceFolder, p);
  return p;
}

/** The candidates on PATH, in order (with PATHEXT on Windows). */
export function pathCandidates(sys: DiscoverySystem): string[] {
  const pathVar = sys.env.PATH ?? sys.env.Path ?? "";
  const delimiter = sys.platform === "win32" ? ";" : ":";
  const names =
    sys.platform === "win32"
      ? (sys.env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";").filter(Boolean).map((ext) => `debrief-ls${ext.toLowerCase()}`)
      : ["debrief-ls"];
  const out: string[] = [];
  for (const dir of pathVar.split(delimiter)) {
    if (dir === "") continue;
    for (const name of names) out.push(path.join(dir, name));
  }
  return out;
}

/** Finds the server. A setting that points nowhere is an error, not a reason to pick another binary. */
export function findServer(input: DiscoveryInput, sys: DiscoverySystem): Discovery {
  const configured = input.configured?.trim();
  if (configured) {
    const p = expandConfigured(configured, input, sys);
    if (sys.isExecutable(p)) return { found: true, path: p, source: "setting" };
    return {
      found: false,
      tried: [p],
      message: `debrief.server.path is "${configured}", but ${p} is not an executable file. Fix the setting, or clear it to use the bundled server or debrief-ls on PATH.`,
    };
  }
  const tried: string[] = [];
  const bundled = bundledPath(input.extensionPath, sys.platform);
  tried.push(bundled);
  if (sys.isExecutable(bundled)) return { found: true, path: bundled, source: "bundled" };
  for (const candidate of pathCandidates(sys)) {
    tried.push(candidate);
    if (sys.isExecutable(candidate)) return { found: true, path: candidate, source: "PATH" };
  }
  return {
    found: false,
    tried,
    message:
      "The debrief-ls language server was not found: this extension has no bundled server and debrief-ls is not on PATH. Install it (cargo install --path server, in a clone of debrief-ls) or set debrief.server.path to the binary.",
  };
}
