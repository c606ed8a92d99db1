// The VS Code side of debrief-ls: starts the language server for Markdown, mirrors the
// settings to it, and adds the commands and the status bar item. Everything the server
// does (findings, hover, fixes, symbols, code lenses) comes over LSP.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFile } from "node:child_process";

import * as vscode from "vscode";
import {
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";

import { convertReport, FileFindings, parseReport, Summary } from "./checkReport";
import { Discovery, DiscoverySystem, bundledPath, findServer } from "./discovery";
import { mirroredKeys, serverSettings, ServerSettings } from "./settings";
import { countFindings, SOURCE, statusText, statusTooltip } from "./status";

const SECTION = "debrief";
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append("debrief");
const DOCS_BASE_URL = "https://github.com/debrief-ls/debrief-ls/blob/main/docs/rules/";
/** A workspace check that takes longer than this is stopped. */
const CHECK_TIMEOUT_MS = 5 * 60_000;

const MARKDOWN = [
  { language: "markdown", scheme: "file" },
  { language: "markdown", scheme: "untitled" },
] as const;

let extension: DebriefExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extension = new DebriefExtension(context);
  await extension.start();
}

export async function deactivate(): Promise<void> {
  await extension?.stopClient();
  extension = undefined;
}

/** Discovery against the real file system. */
function realSystem(): DiscoverySystem {
  return {
    platform: process.platform,
    env: process.env,
    homedir: os.homedir(),
    isExecutable(file: string): boolean {
      try {
        if (!fs.statSync(file).isFile()) return false;
        if (process.platform !== "win32") fs.accessSync(file, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

class DebriefExtension {
  private readonly output: vscode.OutputChannel;
  private readonly status: vscode.StatusBarItem;
  /** Findings from "Check workspace", for files the language server has not opened. */
  private readonly checked: vscode.DiagnosticCollection;
  private readonly keys: string[];
  private client: LanguageClient | undefined;
  private serverPath: string | undefined;
  private statusSerial = 0;
  private notFoundShown = false;
  private repullTimers: NodeJS.Timeout[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel("debrief-ls");
    this.status = vscode.window.createStatusBarItem("debrief.status", vscode.StatusBarAlignment.Right, 100);
    this.status.name = "debrief-ls findings";
    this.status.command = "workbench.actions.view.problems";
    this.checked = vscode.languages.createDiagnosticCollection("debrief-ls check");
    this.keys = mirroredKeys(context.extension.packageJSON?.contributes?.configuration);
    context.subscriptions.push(this.output, this.status, this.checked);
  }

  async start(): Promise<void> {
    const { subscriptions } = this.context;
    subscriptions.push(
      vscode.commands.registerCommand("debrief.restartServer", () => this.restart()),
      vscode.commands.registerCommand("debrief.showOutput", () => this.output.show(true)),
      vscode.commands.registerCommand("debrief.fixAll", () => this.fixAll()),
      vscode.commands.registerCommand("debrief.checkWorkspace", () => this.checkWorkspace()),
      vscode.commands.registerCommand("debrief.report", () => this.report()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) void this.refreshStatus();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => void this.refreshStatus()),
      // Once a file is open the server's live findings replace the workspace check's.
      vscode.workspace.onDidOpenTextDocument((doc) => this.checked.delete(doc.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("debrief.server.path")) void this.restart();
      }),
    );
    await vscode.commands.executeCommand("setContext", "debrief.active", true);
    await this.startClient();
  }

  /** Settings for the server, for a resource (or the window when none). */
  private settingsFor(scope: vscode.Uri | undefined): ServerSettings {
    const config = vscode.workspace.getConfiguration(SECTION, scope ? { uri: scope, languageId: "markdown" } : undefined);
    return serverSettings(this.keys, (key) => ({ value: config.get(key), inspection: config.inspect(key) }));
  }

  private discover(): Discovery {
    const config = vscode.workspace.getConfiguration(SECTION);
    const sys = realSystem();
    const bundled = bundledPath(this.context.extensionPath, sys.platform);
    // A zip may not keep the executable bit of the bundled server.
    if (sys.platform !== "win32" && fs.existsSync(bundled) && !sys.isExecutable(bundled)) {
      try {
        fs.chmodSync(bundled, 0o755);
      } catch (e) {
        this.output.appendLine(`could not make ${bundled} executable: ${String(e)}`);
      }
    }
    return findServer(
      {
        configured: config.get<string>("server.path"),
        extensionPath: this.context.extensionPath,
        workspaceFolder: vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "file")?.uri.fsPath,
      },
      sys,
    );
  }

  private async notFound(discovery: Extract<Discovery, { found: false }>): Promise<void> {
    this.output.appendLine(discovery.message);
    this.output.appendLine(`looked at:\n  ${discovery.tried.join("\n  ")}`);
    if (this.notFoundShown) return;
    this.notFoundShown = true;
    const choice = await vscode.window.showErrorMessage(`debrief-ls: ${discovery.message}`, "Open Settings", "Show Output");
    if (choice === "Open Settings") {
      // The setting is machine-specific: in a remote window it lives in the remote settings.
      if (vscode.env.remoteName) {
        await vscode.commands.executeCommand("workbench.action.openRemoteSettings", { query: "debrief.server.path" });
      } else {
        await vscode.commands.executeCommand("workbench.action.openSettings", "debrief.server.path");
      }
    } else if (choice === "Show Output") {
      this.output.show(true);
    }
  }

  async startClient(): Promise<void> {
    const discovery = this.discover();
    if (!discovery.found) {
      this.serverPath = undefined;
      await this.notFound(discovery);
      return;
    }
    this.notFoundShown = false;
    this.serverPath = discovery.path;
    this.output.appendLine(`starting ${discovery.path} (from ${discovery.source})`);

    // With the stdio transport the client adds `--stdio` to the arguments itself.
    const serverOptions: ServerOptions = { command: discovery.path, transport: TransportKind.stdio };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [...MARKDOWN],
      outputChannel: this.output,
      initializationOptions: () => ({ [SECTION]: this.settingsFor(undefined) }),
      middleware: {
        workspace: {
          // Answer `debrief` with the settings the user set, not VS Code's defaults, so
          // the team's debrief.toml is not overridden by values nobody chose.
          configuration: async (params, token, next) => {
            const answers: unknown[] = [];
            for (const item of params.items) {
              if (item.section === SECTION) {
                const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
                answers.push(this.settingsFor(scope));
              } else {
                const other = await next({ items: [item] }, token);
                answers.push(Array.isArray(other) ? other[0] : null);
              }
            }
            this.repullAfterReconfiguration();
            return answers;
          },
        },
      },
    };
    const client = new LanguageClient("debrief", "debrief-ls", serverOptions, clientOptions);
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) void this.refreshStatus();
      if (e.newState === State.Stopped) this.status.hide();
    });
    this.client = client;
    try {
      await client.start();
    } catch (e) {
      this.output.appendLine(`the server did not start: ${String(e)}`);
      const choice = await vscode.window.showErrorMessage(
        `debrief-ls: the language server (${discovery.path}) did not start. See the output for why.`,
        "Show Output",
      );
      if (choice === "Show Output") this.output.show(true);
    }
  }

  /**
   * Pulls the open documents' findings again once the server has had time to apply new
   * settings. The server asks for this itself (`workspace/diagnostic/refresh`) only when it
   * sees `workspace.diagnostics.refreshSupport`, and the lsp-types of tower-lsp 0.20 read it
   * as `workspace.diagnostic`, so without this the findings stay stale until the next edit.
   */
  private repullAfterReconfiguration(): void {
    for (const timer of this.repullTimers) clearTimeout(timer);
    this.repullTimers = [500, 2_000].map((delay) =>
      setTimeout(() => {
        const client = this.client;
        if (!client || client.state !== State.Running) return;
        const doc = vscode.workspace.textDocuments.find((d) => d.languageId === "markdown");
        // One provider's event re-pulls every open document it covers.
        if (doc) client.getFeature(DocumentDiagnosticRequest.method)?.getProvider(doc)?.onDidChangeDiagnosticsEmitter.fire();
      }, delay),
    );
  }

  async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.stop(5_000);
    } catch (e) {
      this.output.appendLine(`stopping the server: ${String(e)}`);
    }
  }

  private async restart(): Promise<void> {
    this.output.appendLine("restarting the language server");
    await this.stopClient();
    await this.startClient();
  }

  /** Whether the server treats a document as a debrief: it answers symbols only for debriefs. */
  private async isDebrief(doc: vscode.TextDocument): Promise<boolean> {
    const client = this.client;
    if (!client || client.state !== State.Running) return false;
    try {
      const symbols = await client.sendRequest(DocumentSymbolRequest.type, {
        textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) },
      });
      return symbols !== null;
    } catch {
      return false;
    }
  }

  private async refreshStatus(): Promise<void> {
    const serial = ++this.statusSerial;
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== "markdown") {
      this.status.hide();
      return;
    }
    const counts = countFindings(vscode.languages.getDiagnostics(doc.uri));
    const total = counts.errors + counts.warnings + counts.infos;
    // Other Markdown stays silent: no item unless the server calls the file a debrief.
    const show = total > 0 || (await this.isDebrief(doc));
    if (serial !== this.statusSerial) return; // a newer refresh is under way
    if (!show) {
      this.status.hide();
      return;
    }
    this.status.text = statusText(counts);
    this.status.tooltip = statusTooltip(counts);
    this.status.accessibilityInformation = { label: statusTooltip(counts) };
    this.status.show();
  }

  private async fixAll(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== "markdown") {
      await vscode.window.showInformationMessage("debrief-ls: open a debrief to fix it.");
      return;
    }
    const doc = editor.document;
    const whole = doc.validateRange(new vscode.Range(0, 0, doc.lineCount, 0));
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      "vscode.executeCodeActionProvider",
      doc.uri,
      whole,
      FIX_ALL_KIND.value,
      10,
    );
    const found = (actions ?? []).find(
      (a): a is vscode.CodeAction => "kind" in a && a.kind instanceof vscode.CodeActionKind && FIX_ALL_KIND.contains(a.kind),
    );
    if (!found) {
      await vscode.window.showInformationMessage("debrief-ls: no safe fixes in this file.");
      return;
    }
    if (found.edit && !(await vscode.workspace.applyEdit(found.edit))) {
      await vscode.window.showWarningMessage("debrief-ls: the fixes could not be applied (the file changed?).");
      return;
    }
    if (found.command) {
      await vscode.commands.executeCommand(found.command.command, ...(found.command.arguments ?? []));
    }
    vscode.window.setStatusBarMessage("debrief-ls: applied the safe fixes", 4_000);
  }

  private runCheck(server: string, cwd: string, token: vscode.CancellationToken): Promise<{ stdout: string; stderr: string; code: number }> {
    return new Promise((resolve) => {
      const child = execFile(
        server,
        ["check", "--format", "json", "--fail-on", "never", "--color", "never", "."],
        { cwd, maxBuffer: 256 * 1024 * 1024, timeout: CHECK_TIMEOUT_MS, windowsHide: true },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
          resolve({ stdout, stderr, code });
        },
      );
      token.onCancellationRequested(() => child.kill());
    });
  }

  private toDiagnostics(file: FileFindings): vscode.Diagnostic[] {
    return file.findings.map((f) => {
      const range = new vscode.Range(f.start.line, f.start.character, f.end.line, f.end.character);
      const severity =
        f.severity === "error"
          ? vscode.DiagnosticSeverity.Error
          : f.severity === "warning"
            ? vscode.DiagnosticSeverity.Warning
            : vscode.DiagnosticSeverity.Information;
      const d = new vscode.Diagnostic(range, f.message, severity);
      d.source = SOURCE;
      d.code = { value: f.rule, target: vscode.Uri.parse(`${DOCS_BASE_URL}${f.rule}.md`) };
      return d;
    });
  }

  /** The server's path, found now if need be; `undefined` (and the user told) if none. */
  private async serverForCommand(): Promise<string | undefined> {
    if (!this.serverPath) {
      const discovery = this.discover();
      if (!discovery.found) {
        this.notFoundShown = false;
        await this.notFound(discovery);
        return undefined;
      }
      this.serverPath = discovery.path;
    }
    return this.serverPath;
  }

  /**
   * `debrief-ls report` (SPEC 9) over the workspace's folders: writes one self-contained
   * HTML page into the extension's storage and opens it. Returns the page's path (for
   * tests), or `undefined` when it could not be written.
   */
  private async report(): Promise<string | undefined> {
    const server = await this.serverForCommand();
    if (!server) return undefined;
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === "file").map((f) => f.uri.fsPath);
    if (folders.length === 0) {
      await vscode.window.showInformationMessage("debrief-ls: open a folder to report on its debriefs.");
      return undefined;
    }
    const dir = this.context.storageUri?.fsPath ?? this.context.globalStorageUri.fsPath;
    fs.mkdirSync(dir, { recursive: true });
    const page = path.join(dir, "debrief-report.html");
    const { stderr, code } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: "debrief-ls: writing the report", cancellable: true },
      (_progress, token) =>
        new Promise<{ stderr: string; code: number }>((resolve) => {
          const child = execFile(
            server,
            ["report", "--format", "html", "--output", page, ...folders],
            { cwd: folders[0], maxBuffer: 64 * 1024 * 1024, timeout: CHECK_TIMEOUT_MS, windowsHide: true },
            (error, _stdout, stderr) => resolve({ stderr, code: error ? (typeof error.code === "number" ? error.code : -1) : 0 }),
          );
          token.onCancellationRequested(() => child.kill());
        }),
    );
    if (stderr.trim()) this.output.appendLine(`report:\n${stderr.trimEnd()}`);
    if (code !== 0 || !fs.existsSync(page)) {
      const choice = await vscode.window.showErrorMessage(`debrief-ls: the report could not be written (exit ${code}).`, "Show Output");
      if (choice === "Show Output") this.output.show(true);
      return undefined;
    }
    this.output.appendLine(`report written to ${page}`);
    await vscode.env.openExternal(vscode.Uri.file(page));
    return page;
  }

  private async checkWorkspace(): Promise<void> {
    const server = await this.serverForCommand();
    if (!server) return;
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === "file");
    if (folders.length === 0) {
      await vscode.window.showInformationMessage("debrief-ls: open a folder to check its debriefs.");
      return;
    }
    const total: Summary = { files: 0, diagnostics: 0, errors: 0, warnings: 0, infos: 0 };
    const failures: string[] = [];
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: "debrief-ls: checking the workspace", cancellable: true },
      async (_progress, token) => {
        this.checked.clear();
        const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
        for (const folder of folders) {
          if (token.isCancellationRequested) return;
          const root = folder.uri.fsPath;
          const { stdout, stderr, code } = await this.runCheck(server, root, token);
          if (stderr.trim()) this.output.appendLine(`check ${root}:\n${stderr.trimEnd()}`);
          if (code === 2) failures.push(`${folder.name}: some files or the configuration could not be read`);
          let files: FileFindings[];
          try {
            const report = parseReport(stdout);
            files = convertReport(report, (p) => {
              try {
                return fs.readFileSync(path.resolve(root, p), "utf8");
              } catch {
                return undefined;
              }
            });
            for (const key of Object.keys(total) as (keyof Summary)[]) total[key] += report.summary[key] ?? 0;
          } catch (e) {
            if (!token.isCancellationRequested) failures.push(`${folder.name}: ${String(e)} (exit ${code})`);
            continue;
          }
          for (const file of files) {
            const uri = vscode.Uri.file(path.resolve(root, file.path));
            // Open files have the server's live findings (which also honour the settings).
            if (open.has(uri.toString()) || file.findings.length === 0) continue;
            this.checked.set(uri, this.toDiagnostics(file));
          }
        }
      },
    );
    await vscode.commands.executeCommand("workbench.actions.view.problems");
    const n = (k: number, word: string) => `${k} ${word}${k === 1 ? "" : "s"}`;
    const summary = `debrief-ls: ${n(total.files, "debrief")} checked: ${n(total.errors, "error")}, ${n(total.warnings, "warning")}, ${n(total.infos, "info")}.`;
    this.output.appendLine(summary);
    if (failures.length > 0) {
      this.output.appendLine(failures.join("\n"));
      const choice = await vscode.window.showWarningMessage(`${summary} Some folders had problems.`, "Show Output");
      if (choice === "Show Output") this.output.show(true);
    } else {
      void vscode.window.showInformationMessage(summary);
    }
  }
}
