import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { DiscoverySystem, findServer, pathCandidates } from "../src/discovery";

const EXT = "/ext/debrief-ls-0.1.0";
const BUNDLED = `${EXT}/server/debrief-ls`;

function system(executables: string[], env: Record<string, string> = { PATH: "/usr/local/bin:/usr/bin" }): DiscoverySystem {
  return { platform: "linux", env, homedir: "/home/dana", isExecutable: (f) => executables.includes(f) };
}

describe("findServer", () => {
  it("prefers the setting over the bundled binary and PATH", () => {
    const d = findServer({ configured: "/opt/debrief-ls", extensionPath: EXT, workspaceFolder: "/ws" }, system(["/opt/debrief-ls", BUNDLED, "/usr/bin/debrief-ls"]));
    assert.deepEqual(d, { found: true, path: "/opt/debrief-ls", source: "setting" });
  });

  it("resolves a relative setting against the workspace folder, and expands ~ and ${workspaceFolder}", () => {
    const sys = system(["/ws/target/release/debrief-ls", "/home/dana/.cargo/bin/debrief-ls"]);
    assert.equal(findServer({ configured: "target/release/debrief-ls", extensionPath: EXT, workspaceFolder: "/ws" }, sys).found, true);
    const home = findServer({ configured: "~/.cargo/bin/debrief-ls", extensionPath: EXT, workspaceFolder: "/ws" }, sys);
    assert.deepEqual(home, { found: true, path: "/home/dana/.cargo/bin/debrief-ls", source: "setting" });
    const ws = findServer({ configured: "${workspaceFolder}/target/release/debrief-ls", extensionPath: EXT, workspaceFolder: "/ws" }, sys);
    assert.deepEqual(ws, { found: true, path: "/ws/target/release/debrief-ls", source: "setting" });
  });

  it("reports a setting that points nowhere instead of silently using another binary", () => {
    const d = findServer({ configured: "/nope/debrief-ls", extensionPath: EXT, workspaceFolder: undefined }, system([BUNDLED, "/usr/bin/debrief-ls"]));
    assert.equal(d.found, false);
    if (!d.found) {
      assert.match(d.message, /debrief\.server\.path/);
      assert.match(d.message, /\/nope\/debrief-ls/);
      assert.deepEqual(d.tried, ["/nope/debrief-ls"]);
    }
  });

  it("treats a blank setting as unset", () => {
    const d = findServer({ configured: "  ", extensionPath: EXT, workspaceFolder: undefined }, system([BUNDLED]));
    assert.deepEqual(d, { found: true, path: BUNDLED, source: "bundled" });
  });

  it("prefers the bundled binary over PATH", () => {
    const d = findServer({ configured: undefined, extensionPath: EXT, workspaceFolder: undefined }, system([BUNDLED, "/usr/bin/debrief-ls"]));
    assert.deepEqual(d, { found: true, path: BUNDLED, source: "bundled" });
  });

  it("takes the first debrief-ls on PATH", () => {
    const d = findServer({ configured: "", extensionPath: EXT, workspaceFolder: undefined }, system(["/usr/bin/debrief-ls", "/usr/local/bin/debrief-ls"]));
    assert.deepEqual(d, { found: true, path: "/usr/local/bin/debrief-ls", source: "PATH" });
  });

  it("says how to fix it when there is no server anywhere, and lists where it looked", () => {
    const d = findServer({ configured: undefined, extensionPath: EXT, workspaceFolder: undefined }, system([]));
    assert.equal(d.found, false);
    if (!d.found) {
      assert.match(d.message, /debrief\.server\.path/);
      assert.match(d.message, /PATH/);
      assert.deepEqual(d.tried, [BUNDLED, "/usr/local/bin/debrief-ls", "/usr/bin/debrief-ls"]);
    }
  });
});

describe("pathCandidates", () => {
  it("skips empty PATH entries", () => {
    assert.deepEqual(pathCandidates(system([], { PATH: ":/a::/b:" })), ["/a/debrief-ls", "/b/debrief-ls"]);
  });

  it("uses PATHEXT and ; on Windows", () => {
    const sys: DiscoverySystem = { ...system([], { Path: "C:\\bin;D:\\tools", PATHEXT: ".COM;.EXE" }), platform: "win32" };
    const names = pathCandidates(sys).map((p) => p.split(/[\\/]/).pop());
    assert.deepEqual(names, ["debrief-ls.com", "debrief-ls.exe", "debrief-ls.com", "debrief-ls.exe"]);
  });
});
