// Editor settings → the server's configuration (the `debrief` section of
// `workspace/configuration` and `initializationOptions`), with the keys of `debrief.toml`.
//
// Only values the user set are mirrored: a contributed default is documentation, and
// sending it would override the team's `debrief.toml` (editor settings win over it).

/** Settings of the extension itself, never sent to the server. */
export const CLIENT_ONLY_KEYS: readonly string[] = ["server.path", "trace.server"];

/** What `WorkspaceConfiguration.inspect` returns, reduced to the scopes that hold user values. */
export interface Inspection {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  defaultLanguageValue?: unknown;
  globalLanguageValue?: unknown;
  workspaceLanguageValue?: unknown;
  workspaceFolderLanguageValue?: unknown;
}

/** Whether someone set the setting (user, workspace, folder, or for the language). */
export function isSetByUser(inspection: Inspection | undefined): boolean {
  if (!inspection) return false;
  return [
    inspection.globalValue,
    inspection.workspaceValue,
    inspection.workspaceFolderValue,
    inspection.globalLanguageValue,
    inspection.workspaceLanguageValue,
    inspection.workspaceFolderLanguageValue,
  ].some((v) => v !== undefined);
}

/** The server's configuration: nested objects with `debrief.toml` keys. */
export type ServerSettings = { [key: string]: unknown };

/** Reads one setting (key relative to `debrief.`): its effective value and whether it was set. */
export type SettingLookup = (key: string) => { value: unknown; inspection: Inspection | undefined };

/**
 * The keys under `debrief.` that are mirrored to the server, from package.json's
 * `contributes.configuration` (one section or a list of sections).
 */
export function mirroredKeys(configuration: unknown): string[] {
  const sections = Array.isArray(configuration) ? configuration : [configuration];
  const keys: string[] = [];
  for (const section of sections) {
    const properties = (section as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
    for (const name of Object.keys(properties)) {
      if (!name.startsWith("debrief.")) continue;
      const key = name.slice("debrief.".length);
      if (!CLIENT_ONLY_KEYS.includes(key)) keys.push(key);
    }
  }
  return keys;
}

/**
 * Builds the server's settings from the keys the user set: `rules.blame-judgement` →
 * `{"rules": {"blame-judgement": …}}`, `limits.followup-budget.sev1` →
 * `{"limits": {"followup-budget": {"sev1": …}}}`. Unset keys are left out.
 */
export function serverSettings(keys: readonly string[], lookup: SettingLookup): ServerSettings {
  const out: ServerSettings = {};
  for (const key of keys) {
    const { value, inspection } = lookup(key);
    if (!isSetByUser(inspection) || value === undefined || value === null) continue;
    const parts = key.split(".");
    let node: ServerSettings = out;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (typeof next !== "object" || next === null || Array.isArray(next)) node[part] = {};
      node = node[part] as ServerSettings;
    }
    node[parts[parts.length - 1]] = value;
  }
  return out;
}
