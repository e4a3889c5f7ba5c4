import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.join(import.meta.dirname, '..', '..');
const ACTION = path.join(ROOT, 'dist', 'index.js');
const SUITES = path.join(ROOT, 'test', 'fixtures', 'suites');

interface WebhookExamples {
  name: string;
  examples: Record<string, unknown>[];
}

/** A real webhook payload from @octokit/webhooks-examples (repository Codertocat/Hello-World, base "master"). */
export function webhookPayload(event: string, action?: string): Record<string, unknown> {
  const require = createRequire(import.meta.url);
  const all = require('@octokit/webhooks-examples/api.github.com/index.json') as WebhookExamples[];
  const examples = all.find((e) => e.name === event)?.examples ?? [];
  const found = action ? examples.find((e) => e['action'] === action) : examples[0];
  if (!found) throw new Error(`no ${event}${action ? `.${action}` : ''} example`);
  return structuredClone(found);
}

export interface Push {
  branch: string;
  /** The tip before the push (40 zeros for a new branch). */
  before: string;
  after: string;
  /** The commits the push brought, oldest first. */
  commits: string[];
  /** The head commit's time; the example's own when absent. */
  time?: string;
}

/** A push as GitHub sends it, built on the real push example: the tips before and after, and the commits it brought. */
export function pushPayload(push: Push): Record<string, unknown> {
  const payload = webhookPayload('push');
  const head = payload['head_commit'] as Record<string, unknown>;
  return {
    ...payload,
    ref: `refs/heads/${push.branch}`,
    before: push.before,
    after: push.after,
    commits: push.commits.map((id) => ({ ...head, id })),
    head_commit: { ...head, id: push.after, ...(push.time ? { timestamp: push.time } : {}) },
  };
}

export interface CompletedRun {
  runId: number;
  /** The repository the event is delivered to (a webhook payload's `repository`). */
  repository: unknown;
  headSha: string;
  headBranch: string;
  /** owner/name of the head repository: a fork for the fork-safe pair. */
  headRepository: string;
  conclusion?: string;
  /** Any other field of `workflow_run`, laid over the rest. */
  over?: Record<string, unknown>;
}

/** A completed pull_request run as a workflow_run event announces it, built on the real example. */
export function workflowRunPayload(run: CompletedRun): Record<string, unknown> {
  const payload = webhookPayload('workflow_run', 'completed');
  payload['repository'] = structuredClone(run.repository);
  const workflowRun = payload['workflow_run'] as Record<string, unknown>;
  Object.assign(workflowRun, {
    id: run.runId,
    event: 'pull_request',
    status: 'completed',
    conclusion: run.conclusion ?? 'success',
    head_sha: run.headSha,
    head_branch: run.headBranch,
    head_repository: { ...(workflowRun['head_repository'] as object), full_name: run.headRepository },
    pull_requests: [],
    run_attempt: 1,
    ...run.over,
  });
  return payload;
}

/** A throw-away repository with a perfgate.yml and quick suites, as a user's checkout would be. */
export function makeProject(suites: string[] = ['ok.bench.mjs'], extra = ''): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'perfgate-action-'));
  mkdirSync(path.join(root, 'bench'), { recursive: true });
  for (const file of suites) cpSync(path.join(SUITES, file), path.join(root, 'bench', file));
  const entries = suites.map((f) => `  - name: ${f.replace(/\.bench\.m?[jt]s$/, '')}\n    type: tinybench\n    file: bench/${f}\n`).join('');
  writeFileSync(path.join(root, 'perfgate.yml'), `version: 1\ndefaults:\n  rounds: 3\n  time: 90ms\n  warmup: 10ms\n  timeout: 20s\n${extra}suites:\n${entries}`);
  return root;
}

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses GITHUB_OUTPUT's `name<<DELIMITER ... DELIMITER` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] as string);
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] as string);
    outputs[name as string] = value.join('\n');
  }
  return outputs;
}

export interface ActionEnv {
  apiUrl: string;
  token: string;
  event: string;
  payload: Record<string, unknown>;
  inputs?: Record<string, string>;
  runId?: number;
  ref?: string;
  sha?: string;
  resultsUrl?: string;
  runtimeToken?: string;
}

/** Runs the built action as the runner does: a child process with INPUT_* and GITHUB_* set. */
export function runAction(project: string, env: ActionEnv): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-runner-'));
  const eventPath = path.join(dir, 'event.json');
  const outputPath = path.join(dir, 'output');
  const summaryPath = path.join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(env.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const repository = (env.payload['repository'] as { full_name: string }).full_name;
  const inputs = { token: env.token, 'baseline-artifact': 'perfgate-baseline', comment: 'always', 'fail-on': 'fail', 'comment-id': 'perfgate', 'output-directory': '.perfgate', 'network-timeout': '2m', ...env.inputs };
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: env.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: repository,
    GITHUB_SHA: env.sha ?? 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
    GITHUB_REF: env.ref ?? 'refs/pull/2/merge',
    GITHUB_API_URL: env.apiUrl,
    GITHUB_RUN_ID: String(env.runId ?? 1000),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKSPACE: project,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: dir,
    RUNNER_OS: 'Linux',
    ...(env.resultsUrl ? { ACTIONS_RESULTS_URL: env.resultsUrl } : {}),
    ...(env.runtimeToken ? { ACTIONS_RUNTIME_TOKEN: env.runtimeToken } : {}),
  };
  for (const [name, value] of Object.entries(inputs)) childEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ACTION], { cwd: project, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout, stderr, outputs: parseOutputs(readFileSync(outputPath, 'utf8')), summary: readFileSync(summaryPath, 'utf8') });
    });
  });
}
