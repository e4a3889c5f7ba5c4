/**
 * The suite of the throw-away repositories. Each benchmark repeats one fixed unit of work
 * round(units × factor) times per iteration (a literal in each side's file), over the same data whatever the factor, so
 * that time grows in proportion to the units and head/base time equals the ratio of units.
 * Kinds follow DESIGN.md "Measured on this machine": benchmarks whose processes fall into speed
 * modes must be in the mix, or the harness would overstate how good the gate is.
 */

export interface WorkloadBenchmark {
  name: string;
  /** Units per iteration at factor 1, chosen so one iteration takes roughly 20–200 µs here. */
  units: number;
  /** Plain JS run once at module load; may declare constants the unit reads. */
  setup: string;
  /** Plain JS for one unit of work; the benchmark's own `sink` keeps results alive so the JIT cannot drop the work. */
  unit: string;
  /** The unit awaits: the task function is async. */
  async?: boolean;
}

export const WORKLOAD: readonly WorkloadBenchmark[] = [
  {
    name: 'int-loop',
    units: 200,
    setup: '',
    unit: `{ let x = sink | 0; for (let i = 0; i < 100; i++) { x = (Math.imul(x, 31) + i) | 0; x ^= x >>> 7; } sink = x; }`,
  },
  {
    name: 'float-math',
    units: 400,
    // The angle wraps: Math.sin slows down on huge arguments, which would make time drift.
    setup: 'let angle = 0;',
    unit: `{ let s = 0; for (let i = 0; i < 5; i++) { angle = angle > 100 ? angle - 100 : angle + 0.37; s += Math.sqrt(angle) * Math.sin(angle) / (1 + Math.log1p(angle)); } sink += s; }`,
  },
  {
    name: 'alloc-objects',
    units: 200,
    setup: '',
    unit: `{ const list = []; for (let i = 0; i < 20; i++) list.push({ a: i, b: [i, i + 1], c: 'k' + (i & 3) }); let s = 0; for (const o of list) s += o.a + o.b[1] + o.c.length; sink += s; }`,
  },
  {
    name: 'json-roundtrip',
    units: 100,
    setup: `const jsonText = JSON.stringify({ id: 7, name: 'widget', tags: ['a', 'b', 'c'], price: 1.25, ok: true, dims: { w: 3, h: 4 } });`,
    unit: `{ const o = JSON.parse(jsonText); sink += JSON.stringify(o).length + o.tags.length; }`,
  },
  {
    name: 'regex-match',
    units: 100,
    setup: `const logLine = '2026-11-23T10:15:42Z INFO request id=af31 path=/api/v1/items/42 status=200 ms=13 user=alice@example.com'; const logPattern = /(\\w+)=([^\\s]+)/g;`,
    unit: `{ let n = 0; for (const m of logLine.matchAll(logPattern)) n += m[2].length; sink += n + (/status=(\\d{3})/.exec(logLine)?.[1].length ?? 0); }`,
  },
  {
    name: 'string-build',
    units: 300,
    setup: '',
    unit: `{ let s = ''; for (let i = 0; i < 6; i++) s += \`<li class="row-\${i & 1}">\${sink & 7}</li>\`; sink += s.charCodeAt(s.length >> 1) + s.length; }`,
  },
  {
    name: 'map-set',
    units: 200,
    setup: `const mapKeys = Array.from({ length: 12 }, (_, i) => 'key:' + i);`,
    unit: `{ const m = new Map(); const seen = new Set(); for (let i = 0; i < mapKeys.length; i++) m.set(mapKeys[i], i); let s = 0; for (const k of mapKeys) { s += m.get(k); seen.add(k.length); } sink += s + seen.size; }`,
  },
  {
    name: 'array-sort',
    units: 200,
    setup: `const sortInput = Array.from({ length: 16 }, (_, i) => ((i * 2654435761) >>> 0) % 1000);`,
    unit: `{ const a = sortInput.slice(); a.sort((x, y) => x - y); sink += a[0] + a[15]; }`,
  },
  {
    name: 'typed-array',
    units: 600,
    setup: `const vecA = new Float64Array(64).map((_, i) => i * 0.5); const vecB = new Float64Array(64).map((_, i) => 1 / (i + 1)); const vecOut = new Float64Array(64);`,
    unit: `{ let dot = 0; for (let i = 0; i < 64; i++) { vecOut[i] = vecA[i] * 1.0001 + vecB[i]; dot += vecOut[i] * vecB[i]; } sink += dot; }`,
  },
  {
    name: 'closure-calls',
    units: 300,
    setup: `const adders = Array.from({ length: 8 }, (_, k) => (x) => x + k); const compose = (fs) => (x) => fs.reduce((acc, f) => f(acc), x); const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2));`,
    unit: `{ const f = compose(adders); sink += f(sink & 7) + fib(8); }`,
  },
  {
    // Each unit yields to the event loop once: a fixed cost per iteration would make time grow
    // more slowly than the units.
    name: 'async-chain',
    units: 100,
    setup: `const tick = () => new Promise((resolve) => setImmediate(resolve)); const step = async (x) => x + 1;`,
    unit: `{ let x = sink & 1; x = await step(x); x = await step(x); await tick(); sink += x; }`,
    async: true,
  },
  {
    name: 'bimodal-shapes',
    units: 800,
    // One process in two builds every other record with its properties in another order: two
    // hidden classes make the reads polymorphic, so whole processes land in a slow or a fast mode.
    setup: `const mixedShapes = Math.random() < 0.5; const records = Array.from({ length: 64 }, (_, i) => (!mixedShapes || i % 2 === 0 ? { x: i, y: i * 2, z: 1 } : { y: i * 2, x: i, z: 1 }));`,
    unit: `{ let s = 0; for (let i = 0; i < records.length; i++) { const r = records[i]; s += r.x + r.y * r.z; } sink += s; }`,
  },
];

export const WORKLOAD_NAMES: readonly string[] = WORKLOAD.map((b) => b.name);

/** Units actually run at a factor; the rounding is why the true ratio is not exactly the factor. */
export function unitsAt(benchmark: WorkloadBenchmark, factor: number): number {
  return Math.max(1, Math.round(benchmark.units * factor));
}

/** head/base work of a benchmark when head runs at `factor` and base at 1. */
export function trueRatio(benchmark: WorkloadBenchmark, factor: number): number {
  return unitsAt(benchmark, factor) / unitsAt(benchmark, 1);
}

/** The source of bench/workload.bench.mjs with every benchmark at `factor`. */
export function workloadSource(factor: number): string {
  const lines = [
    "// Generated by perfgate's accuracy harness (accuracy/workload.ts). Each benchmark repeats one",
    '// fixed unit of work UNITS[name] times per iteration.',
    // Whole numbers written out: both sides then hold the same kind of value, where a factor
    // multiplied at load time would give one side a computed double and the other a literal.
    `const UNITS = ${JSON.stringify(Object.fromEntries(WORKLOAD.map((b) => [b.name, unitsAt(b, factor)])))};`,
    '// Read by nobody, but reachable: the results stored in the sinks stay observable.',
    'export const sinks = [];',
    '',
    ...WORKLOAD.map((b) => b.setup).filter((s) => s !== ''),
    '',
    'export default (bench) => {',
    ...WORKLOAD.flatMap((b) => [
      // One sink per benchmark, so that no benchmark changes the type feedback of another.
      '  {',
      '    let sink = 0;',
      `    const n = UNITS[${JSON.stringify(b.name)}];`,
      `    bench.add(${JSON.stringify(b.name)}, ${b.async ? 'async ' : ''}() => {`,
      `      for (let u = 0; u < n; u++) ${b.unit}`,
      '    });',
      '    sinks.push(() => sink);',
      '  }',
    ]),
    '};',
    '',
  ];
  return lines.join('\n');
}
