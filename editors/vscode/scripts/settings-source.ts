// The one description of the extension's settings and of `debrief.toml`: the rule list
// comes from the server binary (`debrief-ls rules`, which prints the rule registry), the
// rest from the configuration keys documented in SPEC section 5 and the README. Both
// `contributes.configuration` in package.json and schemas/debrief.schema.json are built
// from here by scripts/generate.ts, and a unit test fails when either has drifted.

export type Level = "off" | "info" | "warning" | "error";

export const LEVELS: readonly Level[] = ["off", "info", "warning", "error"];

/** One rule as the registry describes it. */
export interface RuleInfo {
  id: string;
  level: Level;
  summary: string;
}

/** Where a rule's page is published (the server's `codeDescription` links point there too). */
export const DOCS_BASE_URL = "https://github.com/debrief-ls/debrief-ls/blob/main/docs/rules/";

/** The default `include` globs (the server's `DEFAULT_INCLUDE`). */
export const DEFAULT_INCLUDE = [
  "**/{postmortems,post-mortems,incidents,debriefs,retrospectives,retros}/**/*.{md,markdown}",
];

/** A numeric limit under `[limits]`; `key` may be dotted (`followup-budget.sev1`). */
export interface LimitInfo {
  key: string;
  type: "integer" | "number";
  default: number;
  minimum: number;
  maximum?: number;
  description: string;
}

/** The numbers of SPEC section 4, as `[limits]` spells them. */
export const LIMITS: readonly LimitInfo[] = [
  { key: "followup-budget.sev1", type: "integer", default: 12, minimum: 0, description: "Follow-up budget of a SEV1 (P1) incident." },
  { key: "followup-budget.sev2", type: "integer", default: 8, minimum: 0, description: "Follow-up budget of a SEV2 (P2) incident." },
  { key: "followup-budget.sev3", type: "integer", default: 5, minimum: 0, description: "Follow-up budget of a SEV3 (P3) incident." },
  { key: "followup-budget.sev4", type: "integer", default: 3, minimum: 0, description: "Follow-up budget of a SEV4 (P4) incident." },
  { key: "followup-budget.sev5", type: "integer", default: 3, minimum: 0, description: "Follow-up budget of a SEV5 (P5) incident." },
  { key: "followup-budget.unknown", type: "integer", default: 10, minimum: 0, description: "Follow-up budget when the debrief does not say its severity." },
  { key: "minutes-per-followup", type: "integer", default: 2, minimum: 1, description: "At most one follow-up per this many minutes of impact, when `started` and `resolved` are known." },
  { key: "min-followup-budget", type: "integer", default: 3, minimum: 0, description: "The impact-based follow-up budget never goes below this." },
  { key: "gap-minutes", type: "integer", default: 60, minimum: 0, description: "A silence in the timeline is a gap when it is longer than this many minutes…" },
  { key: "gap-share", type: "number", default: 0.25, minimum: 0, maximum: 1, description: "…and longer than this share (0–1) of the timeline's span." },
  { key: "soak-min-days", type: "integer", default: 1, minimum: 0, description: "A debrief held sooner than this many days after `resolved` is too soon." },
  { key: "soak-max-days", type: "integer", default: 7, minimum: 0, description: "A debrief held later than this many days after `resolved` is too late." },
];

/** The milestones `[milestones]` lists, as the server reads them. */
export const MILESTONES = ["detected", "responded", "mitigated", "resolved"] as const;

/** The word lists under `[words]`. */
export const WORDS: readonly { key: "blame" | "allow" | "people"; description: string }[] = [
  { key: "blame", description: "Extra judgement words or phrases to flag, matched literally and case-insensitively." },
  { key: "allow", description: "Words and names never flagged: a service named like a person (\"Jenkins\"), or a team term." },
  { key: "people", description: "Extra first names of people, so `blame-named-person` recognises them." },
];

/** Parses `debrief-ls rules`: one `id  level  summary` line per rule. */
export function parseRules(text: string): RuleInfo[] {
  const rules: RuleInfo[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const m = /^([a-z][a-z0-9-]*)\s+(off|info|warning|error)\s+(\S.*)$/.exec(line);
    if (!m) throw new Error(`cannot read this line of \`debrief-ls rules\`: ${JSON.stringify(line)}`);
    rules.push({ id: m[1], level: m[2] as Level, summary: m[3].trim() });
  }
  if (rules.length === 0) throw new Error("`debrief-ls rules` listed no rule");
  return rules;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function levelEnum(rule: RuleInfo): JsonObject {
  return {
    type: "string",
    enum: [...LEVELS],
    enumDescriptions: [
      "The rule does not run.",
      "Reported as information.",
      "Reported as a warning.",
      "Reported as an error.",
    ],
    default: rule.level,
  };
}

/** `contributes.configuration` of package.json. */
export function configurationContribution(rules: readonly RuleInfo[]): JsonObject[] {
  const general: JsonObject = {
    "debrief.server.path": {
      type: "string",
      default: "",
      scope: "machine-overridable",
      markdownDescription:
        "Path of the `debrief-ls` executable. Empty: the binary bundled with the extension, else `debrief-ls` on `PATH`. A relative path is taken from the first workspace folder; `~` is the home folder.",
    },
    "debrief.trace.server": {
      type: "string",
      enum: ["off", "messages", "verbose"],
      default: "off",
      scope: "window",
      description: "Traces the messages between VS Code and the language server in the debrief-ls output.",
    },
    "debrief.logLevel": {
      type: "string",
      enum: ["off", "error", "warn", "info", "debug", "trace"],
      default: "info",
      description: "How much the language server logs to the debrief-ls output.",
    },
    "debrief.inlayHints": {
      type: "boolean",
      default: true,
      scope: "resource",
      markdownDescription:
        "Show beside each timed timeline entry the time since the entry before (`+7 min`) and, on milestones, since impact began (`detected · T+3 min`). `editor.inlayHints.enabled` also applies.",
    },
    "debrief.include": {
      type: "array",
      items: { type: "string" },
      default: [...DEFAULT_INCLUDE],
      scope: "resource",
      markdownDescription:
        "Globs of Markdown files that are debriefs (replace the default folder globs). A file is also a debrief when its front matter says `debrief: true` or its first heading names a post-mortem, incident review or debrief. Overrides `include` in `debrief.toml`.",
    },
    "debrief.exclude": {
      type: "array",
      items: { type: "string" },
      default: [],
      scope: "resource",
      markdownDescription: "Globs of files never checked. Overrides `exclude` in `debrief.toml`.",
    },
  };
  for (const w of WORDS) {
    general[`debrief.words.${w.key}`] = {
      type: "array",
      items: { type: "string" },
      default: [],
      scope: "resource",
      markdownDescription: `${w.description} Overrides \`[words] ${w.key}\` in \`debrief.toml\`.`,
    };
  }

  const ruleProps: JsonObject = {};
  rules.forEach((rule, order) => {
    ruleProps[`debrief.rules.${rule.id}`] = {
      ...levelEnum(rule),
      scope: "resource",
      order,
      markdownDescription: `${rule.summary}. Default: \`${rule.level}\`. [Rule page](${DOCS_BASE_URL}${rule.id}.md). Overrides \`[rules] ${rule.id}\` in \`debrief.toml\`.`,
    };
  });

  const limitProps: JsonObject = {};
  LIMITS.forEach((limit, order) => {
    const prop: JsonObject = {
      type: limit.type,
      default: limit.default,
      minimum: limit.minimum,
      scope: "resource",
      order,
      markdownDescription: `${limit.description} Default: ${limit.default}. Overrides \`[limits] ${limit.key}\` in \`debrief.toml\`.`,
    };
    if (limit.maximum !== undefined) prop.maximum = limit.maximum;
    limitProps[`debrief.limits.${limit.key}`] = prop;
  });

  return [
    { title: "debrief-ls", order: 0, properties: general },
    { id: "debrief-rules", title: "debrief-ls: rules", order: 1, properties: ruleProps },
    { id: "debrief-limits", title: "debrief-ls: limits", order: 2, properties: limitProps },
  ];
}

/** The JSON schema of `debrief.toml`, for TOML extensions (`tomlValidation`). */
export function tomlSchema(rules: readonly RuleInfo[]): JsonObject {
  const ruleProps: JsonObject = {};
  for (const rule of rules) {
    ruleProps[rule.id] = {
      ...levelEnum(rule),
      description: `${rule.summary}. Default: ${rule.level}.`,
      markdownDescription: `${rule.summary}. Default: \`${rule.level}\`. [Rule page](${DOCS_BASE_URL}${rule.id}.md)`,
    };
  }
  const budget: JsonObject = {};
  const limitProps: JsonObject = {};
  for (const limit of LIMITS) {
    const prop: JsonObject = {
      type: limit.type,
      default: limit.default,
      minimum: limit.minimum,
      description: `${limit.description} Default: ${limit.default}.`,
    };
    if (limit.maximum !== undefined) prop.maximum = limit.maximum;
    const [head, sub] = limit.key.split(".");
    if (sub !== undefined) budget[sub] = prop;
    else limitProps[head] = prop;
  }
  limitProps["followup-budget"] = {
    type: "object",
    description: "Follow-up budget by incident severity.",
    properties: budget,
    additionalProperties: false,
  };
  const words: JsonObject = {};
  for (const w of WORDS) {
    words[w.key] = { type: "array", items: { type: "string" }, default: [], description: w.description };
  }
  const globs = (description: string, dflt: string[]): JsonObject => ({
    type: "array",
    items: { type: "string" },
    default: dflt,
    description,
  });
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://github.com/debrief-ls/debrief-ls/blob/main/editors/vscode/schemas/debrief.schema.json",
    title: "debrief.toml",
    description: "Configuration of debrief-ls, the checker for incident debriefs. Every key is optional.",
    type: "object",
    additionalProperties: false,
    properties: {
      include: globs("Globs of Markdown files that are debriefs (replace the default folder globs).", [...DEFAULT_INCLUDE]),
      exclude: globs("Globs of files never checked in a folder walk.", []),
      rules: {
        type: "object",
        description: 'Rule levels by rule id: "off", "info", "warning" or "error".',
        properties: ruleProps,
        additionalProperties: false,
      },
      limits: {
        type: "object",
        description: "The numbers the rules use.",
        properties: limitProps,
        additionalProperties: false,
      },
      words: {
        type: "object",
        description: "Team-specific words.",
        properties: words,
        additionalProperties: false,
      },
      milestones: {
        type: "object",
        description:
          "The milestones a timeline needs, by kind of debrief (front matter `type`). Kinds not listed need all four; by default security needs detected, responded and resolved, near-miss needs detected, release none.",
        additionalProperties: {
          type: "array",
          items: { type: "string", enum: [...MILESTONES] },
          uniqueItems: true,
        },
      },
    },
  };
}
