import { readdirSync } from 'node:fs';
import { readSettings } from './src/config/load-settings.js';
const cwd = 'test/fixtures/config';
const out: Record<string, string> = {};
for (const f of readdirSync(cwd + '/broken').filter(f => f.endsWith('.yml')).sort()) {
  try { await readSettings({ cwd, configPath: 'broken/' + f }); out[f] = 'NO ERROR'; } catch (e) { out[f] = (e as Error).message; }
}
console.log(JSON.stringify(out, null, 2));
