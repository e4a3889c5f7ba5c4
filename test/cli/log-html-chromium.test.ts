import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { BETTER_COLOR, SERIES_COLOR, WORSE_COLOR } from '../../src/core/render/svg-chart.js';
import { LOG_FIXTURE, runPerfgate } from './log-cli.js';
import { ROOT } from './run-cli.js';

/** Kept after the run, so that a person can look at what the browser showed. */
const OUT = path.join(ROOT, 'test-output', 'log-html');
const CANDIDATES = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
const WIDTH = 1280;
const HEIGHT = 2000;

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** A colour at `opacity` over white, as the change-point bands are drawn. */
function tint(hex: string, opacity: number): string {
  return `#${rgb(hex)
    .map((v) => Math.round(255 + opacity * (v - 255)).toString(16).padStart(2, '0'))
    .join('')}`;
}

/** Pixels within `tolerance` of a colour per channel; anti-aliased edges blend towards white. */
function countNear(png: PNG, hex: string, tolerance: number, where: (x: number) => boolean = () => true): number {
  const [r, g, b] = rgb(hex);
  let count = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      if (!where(x)) continue;
      const i = (y * png.width + x) * 4;
      if (Math.abs(png.data[i]! - r) <= tolerance && Math.abs(png.data[i + 1]! - g) <= tolerance && Math.abs(png.data[i + 2]! - b) <= tolerance) count++;
    }
  }
  return count;
}

describe('perfgate log --format html in headless Chromium', () => {
  it('shows the charts: series lines in both columns, change-point markers, a page that is not blank', () => {
    const chromium = CANDIDATES.find((p) => existsSync(p));
    if (!chromium) {
      throw new Error(`Chromium is needed for this test and was not found (looked at ${CANDIDATES.join(', ')}): install it with "apt-get install -y chromium", or set CHROMIUM to its path`);
    }
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const html = path.join(OUT, 'log.html');
    const png = path.join(OUT, 'log.png');
    const run = runPerfgate(['log', LOG_FIXTURE, '--format', 'html', '--output', html]);
    expect(run.status, run.stderr).toBe(0);

    // A fresh HOME and profile: Chromium writes both, and a shared one can be locked by another run.
    const home = mkdtempSync(path.join(tmpdir(), 'perfgate-chromium-'));
    try {
      const shot = spawnSync(
        chromium,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--no-first-run',
          '--hide-scrollbars',
          `--user-data-dir=${path.join(home, 'profile')}`,
          `--window-size=${WIDTH},${HEIGHT}`,
          `--screenshot=${png}`,
          pathToFileURL(html).href,
        ],
        { env: { ...process.env, HOME: home }, encoding: 'utf8', timeout: 90_000, killSignal: 'SIGKILL' },
      );
      expect(existsSync(png), `Chromium wrote no screenshot (status ${shot.status}, ${shot.error?.message ?? ''}): ${shot.stderr.slice(-2000)}`).toBe(true);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }

    const image = PNG.sync.read(readFileSync(png));
    expect([image.width, image.height]).toEqual([WIDTH, HEIGHT]);
    const total = image.width * image.height;
    const background = countNear(image, '#f6f8fa', 2) + countNear(image, '#ffffff', 2);
    expect(total - background, 'the page looks blank').toBeGreaterThan(total * 0.02);

    // Two columns of charts at 1280 px: the series colour shows on both halves of the page.
    const left = countNear(image, SERIES_COLOR, 40, (x) => x < WIDTH / 2);
    const right = countNear(image, SERIES_COLOR, 40, (x) => x >= WIDTH / 2);
    expect(left, 'series lines in the left column').toBeGreaterThan(200);
    expect(right, 'series lines in the right column').toBeGreaterThan(200);
    // The fixture has one shift each way, each a shaded band over the merges that brought it; no
    // other part of the page has these tints.
    expect(countNear(image, tint(WORSE_COLOR, 0.15), 4), 'the band of the worse change point').toBeGreaterThan(500);
    expect(countNear(image, tint(BETTER_COLOR, 0.15), 4), 'the band of the better change point').toBeGreaterThan(500);
  });
});
