import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Metric } from '../core/model.js';
import { ImportError, type Importer, type ImportedBenchmark, type ImportOutcome } from './importer.js';
import { uniqueName } from './json-input.js';

const FORMAT = 'catch2';
const SHAPE = 'Catch2 XML reporter output (-r xml) with <BenchmarkResults>';
const ROOTS = new Set(['Catch', 'Catch2TestRun']);

const NS_TO_MS = 1e-6;

/** fast-xml-parser's ordered form: `{ <tag>: children, ':@': attributes }`, text as `#text`. */
type XmlNode = Record<string, unknown>;

const tagOf = (node: XmlNode): string | undefined => Object.keys(node).find((key) => key !== ':@');
const attributesOf = (node: XmlNode): Record<string, string> => (node[':@'] ?? {}) as Record<string, string>;
function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const children = tag === undefined ? undefined : node[tag];
  return Array.isArray(children) ? (children as XmlNode[]) : [];
}

interface Found {
  testCase: string;
  sections: string[];
  node: XmlNode;
}

/** Every <BenchmarkResults> in document order, with the test case and sections around it. */
function collect(nodes: XmlNode[], testCase: string, sections: string[], out: Found[]): Found[] {
  for (const node of nodes) {
    const tag = tagOf(node);
    const name = attributesOf(node).name ?? '';
    if (tag === 'BenchmarkResults') out.push({ testCase, sections, node });
    else if (tag === 'TestCase') collect(childrenOf(node), name, [], out);
    else if (tag === 'Section') collect(childrenOf(node), testCase, [...sections, name], out);
    else collect(childrenOf(node), testCase, sections, out);
  }
  return out;
}

function readXml(text: string, file: string): XmlNode[] {
  if (text.trim() === '') throw new ImportError(file, FORMAT, `expected ${SHAPE}, got an empty file`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new ImportError(file, FORMAT, `line ${line}${col === undefined ? '' : `, column ${col}`}: expected ${SHAPE}, got XML that does not parse: ${msg}`);
  }
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, preserveOrder: true });
  const document = parser.parse(text) as XmlNode[];
  const root = document.find((node) => tagOf(node) !== '?xml');
  const rootTag = root && tagOf(root);
  if (!root || rootTag === undefined || !ROOTS.has(rootTag)) {
    throw new ImportError(file, FORMAT, `expected ${SHAPE}, got ${rootTag === undefined ? 'no root element' : `<${rootTag}> as the root element instead of <Catch> or <Catch2TestRun>`}`);
  }
  return [root];
}

/** An attribute of a child element as a number: `<mean value="6344.98" .../>`. */
function numberAt(found: Found, child: string, attribute: string, where: string, file: string): number {
  const element = childrenOf(found.node).find((node) => tagOf(node) === child);
  const raw = element === undefined ? undefined : attributesOf(element)[attribute];
  const value = raw === undefined ? Number.NaN : Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(value)) {
    const got = element === undefined ? `no <${child}>` : raw === undefined ? `no ${attribute}` : JSON.stringify(raw);
    throw new ImportError(file, FORMAT, `${where}: <${child} ${attribute}>: expected a number of nanoseconds, got ${got}`);
  }
  return value;
}

function latencyOf(found: Found, where: string, file: string): Metric {
  const mean = numberAt(found, 'mean', 'value', where, file);
  const sd = numberAt(found, 'standardDeviation', 'value', where, file);
  // --benchmark-no-analysis writes a standard deviation of 0 with ci="0": nothing was estimated.
  const sdElement = childrenOf(found.node).find((node) => tagOf(node) === 'standardDeviation');
  const analysed = sdElement !== undefined && attributesOf(sdElement).ci !== '0';
  return { name: 'latency', unit: 'ms', direction: 'smaller', value: mean * NS_TO_MS, ...(analysed ? { spread: sd * NS_TO_MS } : {}) };
}

function parse(text: string, file: string): ImportOutcome {
  const found = collect(readXml(text, file), '', [], []);
  if (found.length === 0) {
    throw new ImportError(file, FORMAT, 'expected at least one <BenchmarkResults> (benchmarks built with CATCH_CONFIG_ENABLE_BENCHMARKING), got none');
  }
  // The test case is part of the name only where it is needed to tell benchmarks apart.
  const withTestCase = new Set(found.map((f) => f.testCase)).size > 1;
  const benchmarks: ImportedBenchmark[] = [];
  const warnings: string[] = [];
  const taken = new Set<string>();
  for (const f of found) {
    const wanted = [...(withTestCase ? [f.testCase] : []), ...f.sections, attributesOf(f.node).name ?? ''].join(' / ');
    const where = `<TestCase ${JSON.stringify(f.testCase)}> <BenchmarkResults ${JSON.stringify(attributesOf(f.node).name ?? '')}>`;
    const failed = childrenOf(f.node).find((node) => tagOf(node) === 'failed');
    if (failed) {
      warnings.push(`"${wanted}": skipped: the benchmark failed: ${attributesOf(failed).message ?? 'no message'}`);
      continue;
    }
    const latency = latencyOf(f, where, file);
    const name = uniqueName(wanted, taken);
    if (name !== wanted) warnings.push(`"${wanted}" appears twice; the later one is named "${name}"`);
    taken.add(name);
    benchmarks.push({ name, metrics: [latency] });
  }
  if (benchmarks.length === 0) throw new ImportError(file, FORMAT, `expected at least one benchmark with results, got none: ${warnings[0] as string}`);
  return { benchmarks, warnings };
}

export const catch2Importer: Importer = {
  format: FORMAT,
  description: 'Catch2 -r xml with BENCHMARK: the mean and standard deviation of each benchmark (the XML has no raw samples)',
  parse,
};
