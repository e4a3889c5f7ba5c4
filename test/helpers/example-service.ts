import { cpSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const EXAMPLE = path.join(import.meta.dirname, '..', '..', 'examples', 'http-service');

/** examples/http-service copied to `root`/service, without its own perfgate.yml and README. */
export function copyExampleService(root: string): void {
  cpSync(EXAMPLE, path.join(root, 'service'), { recursive: true, filter: (f) => !f.endsWith('.yml') && !f.endsWith('.md') });
}

/** Sets one knob of the copied service's config.mjs, as a commit of a pull request would. */
export function setServiceKnob(root: string, knob: 'WORK_FACTOR' | 'ERROR_RATE', value: number): void {
  const config = path.join(root, 'service', 'config.mjs');
  writeFileSync(config, readFileSync(config, 'utf8').replace(new RegExp(`${knob} = [0-9.]+`), `${knob} = ${value}`));
}

/** Processes whose working folder lies under `dir`: a service that outlived its round. */
export function processesUnder(dir: string): string[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      return readlinkSync(`/proc/${entry}/cwd`).startsWith(dir) ? [`${entry}: ${readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ')}`] : [];
    } catch {
      return [];
    }
  });
}
