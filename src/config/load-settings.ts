/**
 * perfgate.yml -> Settings: find the file, parse it, validate it, fill in defaults, resolve
 * paths. Every problem is a ConfigError with a one-line message that points into the file.
 */
import { readFile, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { isUnknownKeyIssue, validateConfig, type PerfgateConfig, type ThresholdRuleConfig } from './schema.js';
import type { CompareSettings, Settings, SuiteSettings, ThresholdRule } from './settings.js';
import { showValue } from './quantities.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

/** Where perfgate looks for its configuration, in order, relative to the working directory. */
export const CONFIG_FILE_NAMES = ['.github/perfgate.yml', '.github/perfgate.yaml', 'perfgate.yml', 'perfgate.yaml'] as const;

export interface ReadSettingsOptions {
  /** The working directory: where the file is looked for, and what messages are relative to. */
  cwd: string;
  /** An explicit configuration file (`--config`), relative to cwd or absolute; it must exist. */
  configPath?: string;
}

/** Finds, reads and validates the configuration. Throws ConfigError. */
export async function readSettings(options: ReadSettingsOptions): Promise<Settings> {
  const configPath = await findConfigFile(options);
  const shown = displayPath(options.cwd, configPath);
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    throw fileError(shown, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseSettings(text, { configPath, cwd: options.cwd, fileExists: isFile });
}

export interface ParseSettingsOptions {
  /** Absolute path of the file the text came from; relative paths in it are resolved from here. */
  configPath: string;
  /** Messages show the file relative to this folder. */
  cwd: string;
  /** Checks that suite files exist; without it they are not checked (pure parsing). */
  fileExists?: (absolutePath: string) => boolean;
  /** Checks that working directories exist, with `fileExists`; defaults to the file system. */
  dirExists?: (absolutePath: string) => boolean;
}

/** Validates configuration text. Pure unless `fileExists` touches the file system. Throws ConfigError. */
export function parseSettings(text: string, options: ParseSettingsOptions): Settings {
  const configPath = path.resolve(options.cwd, options.configPath);
  const source = parseYamlSource(text, displayPath(options.cwd, configPath));
  const config = validate(source);
  const rootDir = repositoryRoot(configPath);
  const settings = toSettings(config, configPath, rootDir);
  if (options.fileExists) checkSuiteFiles(settings, config, source, options);
  return settings;
}

/** `.github/perfgate.yml` belongs to the repository that holds `.github/`. */
export function repositoryRoot(configPath: string): string {
  const dir = path.dirname(configPath);
  return path.basename(dir) === '.github' ? path.dirname(dir) : dir;
}

async function findConfigFile({ cwd, configPath }: ReadSettingsOptions): Promise<string> {
  if (configPath !== undefined) {
    const file = path.resolve(cwd, configPath);
    const info = await stat(file).catch(() => null);
    if (!info) throw fileError(displayPath(cwd, file), 'config file not found');
    if (!info.isFile()) throw fileError(displayPath(cwd, file), 'is not a file; expected a YAML configuration file');
    return file;
  }
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(cwd, name);
    if (isFile(file)) return file;
  }
  throw fileError(
    null,
    `no perfgate.yml found in ${cwd} (looked for ${CONFIG_FILE_NAMES.join(', ')}); create one or pass --config`,
  );
}

function validate(source: YamlSource): PerfgateConfig {
  const { data, file } = source;
  if (data === null || data === undefined) {
    throw new ConfigError({ file, line: 1, column: 1, path: null, detail: 'the file is empty; expected a mapping with at least "version: 1" and "suites"' });
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError({ ...source.issueAt([], ''), detail: `expected a mapping of settings (version, suites, ...), got ${showValue(data)}` });
  }
  const result = validateConfig(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue): ConfigIssue => {
    const at = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    // zod reports unknown keys on their mapping; point at the (first) key itself.
    if (isUnknownKeyIssue(issue)) return source.issueAt([...at, issue.keys[0]!], issue.message, { key: true });
    return source.issueAt(at, issue.message);
  });
  throw errorFromIssues(issues);
}

/** Reports the issue that comes first in the file, the way a reader would fix them. */
function errorFromIssues(issues: ConfigIssue[]): ConfigError {
  const sorted = [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return new ConfigError(sorted[0]!, sorted.slice(1));
}

function checkSuiteFiles(settings: Settings, config: PerfgateConfig, source: YamlSource, options: ParseSettingsOptions): void {
  const issues = settings.suites.flatMap((suite, i) => {
    const written = config.suites[i]!;
    if (suite.type === 'tinybench' && written.type === 'tinybench') {
      return options.fileExists!(suite.file) ? [] : [source.issueAt(['suites', i, 'file'], missingFileMessage(written.file, suite.file, options.cwd))];
    }
    if (suite.type !== 'tinybench' && written.type !== 'tinybench' && written.cwd !== undefined && !(options.dirExists ?? isDirectory)(suite.cwd)) {
      return [source.issueAt(['suites', i, 'cwd'], missingFileMessage(written.cwd, suite.cwd, options.cwd).replace('an existing file', 'an existing folder'))];
    }
    return [];
  });
  if (issues.length > 0) throw errorFromIssues(issues);
}

function missingFileMessage(written: string, absolute: string, cwd: string): string {
  const shown = displayPath(cwd, absolute);
  // Where it was looked for only helps when that differs from what the file says.
  const where = shown === written ? '' : ` (looked for ${shown})`;
  return `expected an existing file, got ${showValue(written)}${where}`;
}

function toSettings(config: PerfgateConfig, configPath: string, rootDir: string): Settings {
  const d = config.defaults;
  return {
    configPath,
    rootDir,
    baseline: { source: config.baseline.source, path: path.resolve(rootDir, config.baseline.path) },
    compare: toCompareSettings(config),
    log: {
      entries: config.log.entries,
      artifacts: config.log.artifacts,
      changePoints: { minShift: config.log['change-points']['min-shift'], alpha: config.log['change-points'].alpha },
    },
    rollback: { ...config.rollback },
    accept: { label: config.accept.label === false ? null : config.accept.label, command: config.accept.command === false ? null : config.accept.command },
    alpha: config.alpha,
    power: config.power,
    thresholds: toRules(d.thresholds),
    suites: config.suites.map((suite) => toSuiteSettings(suite, d, rootDir)),
  };
}

type SuiteConfig = PerfgateConfig['suites'][number];

function toSuiteSettings(suite: SuiteConfig, d: PerfgateConfig['defaults'], rootDir: string): SuiteSettings {
  const common = {
    name: suite.name,
    thresholds: toRules(suite.thresholds),
    benchmarks: Object.fromEntries(Object.entries(suite.benchmarks ?? {}).map(([name, b]) => [name, { thresholds: toRules(b.thresholds) }])),
  };
  switch (suite.type) {
    case 'tinybench':
      return {
        ...common,
        type: 'tinybench',
        file: path.resolve(rootDir, suite.file),
        rounds: suite.rounds ?? d.rounds,
        timeMs: suite.time ?? d.time,
        warmupMs: suite.warmup ?? d.warmup,
        minSamples: suite['min-samples'] ?? d['min-samples'],
        timeoutMs: suite.timeout ?? d.timeout,
      };
    case 'command':
      return {
        ...common,
        type: 'command',
        commands: suite.commands ?? { [suite.name]: suite.command! },
        ...(suite.prepare !== undefined ? { prepare: suite.prepare } : {}),
        cwd: path.resolve(rootDir, suite.cwd ?? '.'),
        env: suite.env ?? {},
        rounds: suite.rounds ?? d.rounds,
        warmupRuns: suite['warmup-runs'],
        timeoutMs: suite.timeout ?? d.timeout,
      };
    case 'http':
      return {
        ...common,
        type: 'http',
        start: suite.start,
        cwd: path.resolve(rootDir, suite.cwd ?? '.'),
        env: suite.env ?? {},
        portEnv: suite['port-env'],
        readyPath: suite.ready,
        readyTimeoutMs: suite['ready-timeout'],
        requests: suite.requests.map((r) => ({
          name: r.name,
          method: r.method,
          path: r.path,
          headers: r.body !== undefined && typeof r.body !== 'string' && !hasHeader(r.headers, 'content-type') ? { ...r.headers, 'content-type': 'application/json' } : r.headers,
          ...(r.body !== undefined ? { body: typeof r.body === 'string' ? r.body : JSON.stringify(r.body) } : {}),
          expectStatus: Array.isArray(r['expect-status']) ? r['expect-status'] : [r['expect-status']],
        })),
        load:
          suite.load.rate !== undefined
            ? { mode: 'rate', requestsPerSecond: suite.load.rate, connections: suite.load.connections, durationMs: suite.load.duration }
            : { mode: 'concurrency', connections: suite.load.connections, durationMs: suite.load.duration },
        warmupMs: suite.warmup,
        rounds: suite.rounds,
        requestTimeoutMs: suite['request-timeout'],
        stopTimeoutMs: suite['stop-timeout'],
      };
    case 'import':
      return {
        ...common,
        type: 'import',
        format: suite.format,
        file: suite.file,
        ...(suite.command !== undefined ? { command: suite.command } : {}),
        cwd: path.resolve(rootDir, suite.cwd ?? '.'),
        env: suite.env ?? {},
        timeoutMs: suite.timeout,
      };
  }
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function toCompareSettings(config: PerfgateConfig): CompareSettings {
  const same = config['same-runner'];
  return {
    method: config.compare,
    ...(same.setup !== undefined ? { setup: same.setup } : {}),
    setupTimeoutMs: same['setup-timeout'],
    confirmRounds: same['confirm-rounds'],
    confirmTimeMs: same['confirm-time'],
    pinCpu: same['pin-cpu'] === false ? null : same['pin-cpu'],
  };
}

function toRules(rules: Record<string, ThresholdRuleConfig> | undefined): Record<string, ThresholdRule> {
  return Object.fromEntries(Object.entries(rules ?? {}).map(([metric, rule]) => [metric, toRule(rule)]));
}

/** Only what the file says: anything left out is inherited when the policy is resolved. */
function toRule(rule: ThresholdRuleConfig): ThresholdRule {
  const out: ThresholdRule = {};
  if (rule.statistic !== undefined) out.statistic = rule.statistic;
  if (rule.regression !== undefined) out.regression = rule.regression;
  if (rule['critical-regression'] !== undefined) out.criticalRegression = rule['critical-regression'];
  const limits = Object.fromEntries(
    (['warn', 'fail', 'critical'] as const).flatMap((level) => (rule[level] === undefined ? [] : [[level, rule[level]]])),
  );
  if (Object.keys(limits).length > 0) out.limits = limits;
  if (rule.gate !== undefined) out.gate = rule.gate;
  return out;
}

function fileError(file: string | null, detail: string): ConfigError {
  return new ConfigError({ file, line: null, column: null, path: null, detail });
}

function displayPath(cwd: string, file: string): string {
  return path.relative(cwd, file) || path.basename(file);
}

function isDirectory(dir: string): boolean {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}
