import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHub, type LoggedRequest, type TestGitHub } from '../github-server/index.js';
import { git } from '../helpers/git-repo.js';
import { pushPayload, ROOT, runAction, webhookPayload, workflowRunPayload, type ActionRun } from './run-action.js';

/*
 * The README's quick start, followed as a new user would: every file it tells them to write is
 * taken from the README's own code blocks (not from this test), the workflows are read the way
 * the runner reads them (triggers, permissions, the perfgate step's `with:` over action.yml's
 * defaults), the checkout happens from a git remote with the README's fetch-depth, and the test
 * server stands in for GitHub. When the README changes, this test follows it.
 */

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The text of a `## ` section, from its heading to the next one. */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`README.md has no section "## ${heading}"`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The fenced code blocks of a text, in order. */
function codeBlocks(text: string): string[] {
  return [...text.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string);
}

/** The one block whose first line starts with `firstLine`. */
function block(blocks: string[], firstLine: string): string {
  const found = blocks.filter((b) => b.startsWith(firstLine));
  if (found.length !== 1) throw new Error(`README.md: expected one code block starting "${firstLine}", found ${found.length}`);
  return found[0] as string;
}

const QUICK_START = codeBlocks(section('Quick start'));
const FORK_SAFE = codeBlocks(section('Pull requests from forks'));

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, 'read' | 'write'>;
  jobs: Record<string, { steps: Step[]; if?: string }>;
}

/** The workflow's one perfgate step, its job, and the inputs the runner would hand the action. */
function perfgateStep(workflow: Workflow): { job: string; inputs: Record<string, string> } {
  const found = Object.entries(workflow.jobs).flatMap(([job, { steps }]) => steps.filter((s) => s.uses?.startsWith('perfgate/perfgate@')).map((s) => ({ job, step: s })));
  expect(found).toHaveLength(1);
  const { job, step } = found[0]!;
  const declared = (parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> }).inputs;
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(declared)) if (input.default !== undefined && name !== 'token') inputs[name] = input.default;
  for (const [name, value] of Object.entries(step.with ?? {})) {
    expect(Object.keys(declared), `the README's workflow sets "${name}", which action.yml does not declare`).toContain(name);
    inputs[name] = String(value);
  }
  return { job, inputs };
}

/**
 * The permission a GITHUB_TOKEN needs for each REST call perfgate makes (GitHub's "permissions
 * required for GitHub Apps" pages; the issue endpoints of a pull request take "pull-requests"). A call missing here fails the test: whoever adds it checks
 * that the README's workflows grant what it needs.
 */
const NEEDS: [method: string, path: RegExp, scope: string, level: 'read' | 'write'][] = [
  ['GET', /\/actions\/(runs\/\d+\/)?artifacts$/, 'actions', 'read'],
  ['GET', /\/actions\/artifacts\/\d+\/zip$/, 'actions', 'read'],
  ['GET', /\/issues\/\d+\/comments$/, 'pull-requests', 'read'],
  ['POST', /\/issues\/\d+\/comments$/, 'pull-requests', 'write'],
  ['PATCH', /\/issues\/comments\/\d+$/, 'pull-requests', 'write'],
  ['GET', /\/issues\/\d+(\/events|\/labels)?$/, 'pull-requests', 'read'],
  ['GET', /\/pulls\/\d+$/, 'pull-requests', 'read'],
  ['GET', /\/commits\/[0-9a-f]{40}\/pulls$/, 'pull-requests', 'read'],
  ['GET', /\/commits\/[0-9a-f]{40}$/, 'contents', 'read'],
  ['GET', /\/collaborators\/[^/]+\/permission$/, 'metadata', 'read'],
  ['POST', /\/statuses\/[0-9a-f]{40}$/, 'statuses', 'write'],
];

/** Each REST call of `requests` that the workflow's permissions do not allow. */
function deniedCalls(requests: LoggedRequest[], permissions: Record<string, string>): string[] {
  const granted = (scope: string, level: string) => scope === 'metadata' || permissions[scope] === 'write' || (level === 'read' && permissions[scope] === 'read');
  return requests
    .filter((r) => r.service === 'rest')
    .flatMap((r) => {
      const rule = NEEDS.find(([method, pattern]) => method === r.method && pattern.test(r.path));
      if (!rule) return [`${r.method} ${r.path}: no permission known for this call`];
      return granted(rule[2], rule[3]) ? [] : [`${r.method} ${r.path} needs "${rule[2]}: ${rule[3]}"`];
    });
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'perfgate-readme-'));
const origin = path.join(dir, 'origin.git');
let github: TestGitHub;
let nextRun = 9100;

beforeAll(async () => {
  github = await startTestGitHub({ owner: 'Codertocat', repo: 'Hello-World', repositoryId: 186853002 });
  github.setPermission('maintainer-mo', 'write');
});
afterAll(async () => {
  await github?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What actions/checkout leaves: a fresh clone of one ref with the workflow's fetch-depth (1 by default). */
function checkout(workflow: Workflow, job: string, ref: string): string {
  const step = workflow.jobs[job]!.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
  expect(step, `job ${job} checks out the repository`).toBeDefined();
  const depth = Number(step!.with?.['fetch-depth'] ?? 1);
  const workspace = mkdtempSync(path.join(dir, 'workspace-'));
  git(workspace, 'init', '-q');
  git(workspace, 'remote', 'add', 'origin', `file://${origin}`);
  git(workspace, 'fetch', '-q', ...(depth > 0 ? [`--depth=${depth}`] : []), 'origin', `+${ref}:refs/remotes/checkout`);
  git(workspace, 'checkout', '-q', '--detach', 'refs/remotes/checkout');
  return workspace;
}

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

const perfgateComments = () => github.comments(2).filter((c) => c.body?.startsWith('<!-- perfgate:comment id=perfgate -->'));

describe("the README's quick start, step by step, on a new repository", () => {
  const bench = block(QUICK_START, '// bench/');
  const benchFile = /^\/\/ (\S+)/.exec(bench)![1]!;
  const config = block(QUICK_START, '# yaml-language-server');
  const prWorkflowText = block(QUICK_START, '# .github/workflows/perfgate-pr.yml');
  const mainWorkflowText = block(QUICK_START, '# .github/workflows/perfgate-main.yml');
  const prWorkflow = parseYaml(prWorkflowText) as Workflow;
  const mainWorkflow = parseYaml(mainWorkflowText) as Workflow;
  // The user's own code, the one thing the README leaves to them.
  const fast = 'export function parse(text) {\n  return JSON.parse(text);\n}\n';
  const slow = 'export function parse(text) {\n  let value = JSON.parse(text);\n  for (let i = 0; i < 3; i++) value = JSON.parse(JSON.stringify(value));\n  return value;\n}\n';
  let work: string;
  let baseSha: string;
  let headSha: string;

  it('steps 0-3: package.json, .gitignore, the benchmark, perfgate.yml and both workflows go in as the README writes them', () => {
    expect(benchFile).toBe('bench/parse.bench.mjs');
    expect(prWorkflow.on).toHaveProperty('pull_request');
    expect((mainWorkflow.on['push'] as { branches: string[] }).branches).toEqual(['main']);
    // Step 6 requires the check named after the pull request job.
    expect(perfgateStep(prWorkflow).job).toBe('perfgate');
    expect(README).toMatch(/type\s+`perfgate` and pick it/);

    work = path.join(dir, 'work');
    mkdirSync(work);
    git(work, 'init', '-q', '-b', 'main');
    // Step 0: package.json and package-lock.json as `npm init -y && npm install` leave them in a
    // project without dependencies (npm itself would ask the registry), and the .gitignore line as written.
    const step0 = block(QUICK_START, 'npm init -y && npm install');
    const ignore = step0.split('\n').find((line) => line.startsWith('echo '));
    expect(ignore).toBeDefined();
    execFileSync('sh', ['-c', ignore!], { cwd: work });
    expect(readFileSync(path.join(work, '.gitignore'), 'utf8')).toBe('.perfgate/\n');
    writeFiles(work, {
      'package.json': '{ "name": "widgets", "version": "1.0.0", "type": "module" }\n',
      'package-lock.json': '{ "name": "widgets", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": { "": { "name": "widgets", "version": "1.0.0" } } }\n',
      'src/parse.js': fast,
      [benchFile]: bench,
      'perfgate.yml': config,
      '.github/workflows/perfgate-pr.yml': prWorkflowText,
      '.github/workflows/perfgate-main.yml': mainWorkflowText,
    });
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', 'Add perfgate');
    git(work, 'init', '-q', '--bare', origin);
    git(work, 'push', '-q', origin, 'main');
    baseSha = git(work, 'rev-parse', 'HEAD').trim();
  });

  it('step 4: the first push to main warns as the README says, passes, and uploads the baseline', async () => {
    const quoted = /as a warning: `([^`]+)`/.exec(README.replace(/\n\s*/g, ' '))?.[1];
    expect(quoted, 'README step 4 quotes the first-run warning').toBeDefined();
    const { job, inputs } = perfgateStep(mainWorkflow);
    const workspace = checkout(mainWorkflow, job, 'refs/heads/main');
    const runId = nextRun++;
    const payload = pushPayload({ branch: 'main', before: '0'.repeat(40), after: baseSha, commits: [baseSha] });
    (payload['repository'] as Record<string, unknown>)['default_branch'] = 'main';
    const requestsBefore = github.requests.length;
    const run = await runAction(workspace, {
      apiUrl: github.url,
      token: github.token,
      event: 'push',
      payload,
      ref: 'refs/heads/main',
      sha: baseSha,
      runId,
      resultsUrl: github.resultsUrl,
      runtimeToken: github.runtimeFor({ headBranch: 'main', headSha: baseSha, runId }),
      inputs,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(quoted);
    const report = JSON.parse(readFileSync(path.join(workspace, '.perfgate', 'report.json'), 'utf8')) as { benchmarks: { id: string; verdict: string }[] };
    expect(report.benchmarks.map((b) => [b.id, b.verdict])).toEqual([['parse/parse 100 items', 'new']]);
    expect(github.artifacts().filter((a) => a.name === 'perfgate-baseline' && a.runId === runId)).toHaveLength(1);
    expect(deniedCalls(github.requests.slice(requestsBefore), mainWorkflow.permissions)).toEqual([]);
  });

  it('step 5: a pull request that makes parse slower fails the check with one comment; step "accepting" lets it through', async () => {
    git(work, 'checkout', '-q', '-b', 'thorough-parse');
    writeFileSync(path.join(work, 'src', 'parse.js'), slow);
    git(work, 'commit', '-qam', 'Parse more thoroughly');
    headSha = git(work, 'rev-parse', 'HEAD').trim();
    git(work, 'push', '-q', origin, 'thorough-parse');
    // GitHub's test merge commit of the pull request, which actions/checkout checks out.
    git(work, 'checkout', '-q', '--detach', 'main');
    git(work, 'merge', '-q', '--no-ff', '-m', 'Merge thorough-parse into main', 'thorough-parse');
    const mergeSha = git(work, 'rev-parse', 'HEAD').trim();
    git(work, 'push', '-q', origin, 'HEAD:refs/pull/2/merge');
    github.addPullRequest({ number: 2, title: 'Parse more thoroughly', user: 'dana', baseRef: 'main', baseSha, headRef: 'thorough-parse', headSha, commits: [headSha] });

    const payload = webhookPayload('pull_request', 'opened');
    const pr = payload['pull_request'] as { number: number; base: { sha: string; ref: string }; head: { sha: string; ref: string } };
    Object.assign(pr.base, { sha: baseSha, ref: 'main' });
    Object.assign(pr.head, { sha: headSha, ref: 'thorough-parse' });
    (payload['repository'] as Record<string, unknown>)['default_branch'] = 'main';
    const { job, inputs } = perfgateStep(prWorkflow);
    const prRun = async (): Promise<{ run: ActionRun; denied: string[] }> => {
      const workspace = checkout(prWorkflow, job, 'refs/pull/2/merge');
      const before = github.requests.length;
      const run = await runAction(workspace, { apiUrl: github.url, token: github.token, event: 'pull_request', payload, ref: 'refs/pull/2/merge', sha: mergeSha, runId: nextRun++, inputs });
      return { run, denied: deniedCalls(github.requests.slice(before), prWorkflow.permissions) };
    };

    const failing = await prRun();
    expect(failing.run.status, failing.run.stdout + failing.run.stderr).toBe(1);
    expect(failing.run.outputs['verdict']).toBe('fail');
    expect(failing.run.outputs['baseline-source']).toMatch(/^same-runner: /);
    expect(failing.denied).toEqual([]);
    expect(perfgateComments()).toHaveLength(1);
    const comment = perfgateComments()[0]!.body ?? '';
    // The heading and the row look like the README's example comment.
    expect(comment).toMatch(/^### ❌ perfgate: fail — 1 fail$/m);
    expect(comment).toMatch(/^\| parse\/parse 100 items \| latency \(median\) \|.*\| ❌ fail \|$/m);
    expect(failing.run.summary).toContain('parse/parse 100 items');

    // "the label perfgate:accept on the pull request accepts every failing benchmark", then a re-run.
    github.addLabel(2, 'perfgate:accept', 'maintainer-mo');
    const accepted = await prRun();
    expect(accepted.run.status, accepted.run.stdout + accepted.run.stderr).toBe(0);
    expect(accepted.run.outputs['verdict']).toBe('accepted');
    expect(accepted.denied).toEqual([]);
    // "one comment (updated in place on every push, never duplicated)"
    expect(perfgateComments()).toHaveLength(1);
    expect(perfgateComments()[0]!.body).toMatch(/maintainer-mo/);
    expect(github.validationErrors).toEqual([]);
  });

  it('the fork-safe pair: a fork run uploads and posts nothing; the README report workflow posts the comment and the status', async () => {
    const reportWorkflow = parseYaml(block(FORK_SAFE, '# .github/workflows/perfgate-report.yml')) as Workflow;
    expect((reportWorkflow.on['workflow_run'] as { workflows: string[] }).workflows).toEqual([(parseYaml(prWorkflowText) as { name: string }).name]);

    // A contributor's fork opens pull request #3 with the same slower parse.
    const forkHead = headSha;
    git(work, 'checkout', '-q', '--detach', 'main');
    git(work, 'merge', '-q', '--no-ff', '-m', 'Merge fork-user:thorough-parse into main', forkHead);
    const mergeSha = git(work, 'rev-parse', 'HEAD').trim();
    git(work, 'push', '-q', origin, 'HEAD:refs/pull/3/merge');
    github.addPullRequest({ number: 3, title: 'Parse more thoroughly (from a fork)', user: 'fork-user', baseRef: 'main', baseSha, headRef: 'thorough-parse', headSha: forkHead, commits: [forkHead], fromFork: true });
    const payload = webhookPayload('pull_request', 'opened');
    const pr = payload['pull_request'] as { number: number; base: Record<string, unknown>; head: { repo: Record<string, unknown> } & Record<string, unknown> };
    pr.number = 3;
    Object.assign(pr.base, { sha: baseSha, ref: 'main' });
    Object.assign(pr.head, { sha: forkHead, ref: 'thorough-parse', repo: { ...pr.head.repo, full_name: 'fork-user/Hello-World', fork: true } });
    (payload['repository'] as Record<string, unknown>)['default_branch'] = 'main';

    const measuring = perfgateStep(prWorkflow);
    const prRunId = nextRun++;
    const before = github.requests.length;
    const forkRun = await runAction(checkout(prWorkflow, measuring.job, 'refs/pull/3/merge'), {
      apiUrl: github.url,
      token: github.token,
      event: 'pull_request',
      payload,
      ref: 'refs/pull/3/merge',
      sha: mergeSha,
      runId: prRunId,
      resultsUrl: github.resultsUrl,
      runtimeToken: github.runtimeFor({ runId: prRunId, headBranch: 'thorough-parse', headSha: forkHead }),
      inputs: measuring.inputs,
    });
    expect(forkRun.stdout).toMatch(/pull request #3 comes from a fork, whose token cannot comment: uploaded the results artifact perfgate-results/);
    expect(github.comments(3)).toEqual([]);
    expect(github.requests.slice(before).filter((r) => r.service === 'rest' && r.method !== 'GET')).toEqual([]);

    // The report workflow: the default branch checked out, never the pull request's code.
    const reporting = perfgateStep(reportWorkflow);
    expect(reporting.inputs['mode']).toBe('report');
    const event = workflowRunPayload({
      runId: prRunId,
      repository: payload['repository'],
      headSha: forkHead,
      headBranch: 'thorough-parse',
      headRepository: 'fork-user/Hello-World',
      conclusion: forkRun.status === 0 ? 'success' : 'failure',
    });
    const reportBefore = github.requests.length;
    const reportRunId = nextRun++;
    const reported = await runAction(checkout(reportWorkflow, reporting.job, 'refs/heads/main'), {
      apiUrl: github.url,
      token: github.token,
      event: 'workflow_run',
      payload: event,
      ref: 'refs/heads/main',
      sha: baseSha,
      runId: reportRunId,
      inputs: reporting.inputs,
    });
    expect(reported.status, reported.stdout + reported.stderr).toBe(0);
    expect(deniedCalls(github.requests.slice(reportBefore), reportWorkflow.permissions)).toEqual([]);
    const comments = github.comments(3);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/^### ❌ perfgate: fail/m);
    expect(github.statuses().filter((s) => s.sha === forkHead)).toMatchObject([{ state: 'failure', context: 'perfgate' }]);
    expect(github.validationErrors).toEqual([]);
  });
});
