/**
 * Every format perfgate imports, by its `format:` name in perfgate.yml. One line per importer.
 */
import type { Importer } from './importer.js';
// imports: formats A
import { bencherImporter } from './bencher.js';
import { customBiggerIsBetterImporter } from './custom-bigger-is-better.js';
import { customSmallerIsBetterImporter } from './custom-smaller-is-better.js';
import { goImporter } from './go.js';
import { hyperfineImporter } from './hyperfine.js';
import { k6Importer } from './k6.js';
import { pytestBenchmarkImporter } from './pytest-benchmark.js';
// imports: formats B
import { benchmarkdotnetImporter } from './benchmarkdotnet.js';
import { benchmarkjsImporter } from './benchmarkjs.js';
import { catch2Importer } from './catch2.js';
import { criterionImporter } from './criterion.js';
import { googleBenchmarkImporter } from './google-benchmark.js';
import { jmhImporter } from './jmh.js';

export const IMPORTERS: readonly Importer[] = [
  // entries: formats A
  customSmallerIsBetterImporter,
  customBiggerIsBetterImporter,
  bencherImporter,
  hyperfineImporter,
  k6Importer,
  pytestBenchmarkImporter,
  goImporter,
  // entries: formats B
  criterionImporter,
  googleBenchmarkImporter,
  benchmarkjsImporter,
  benchmarkdotnetImporter,
  jmhImporter,
  catch2Importer,
];

export function importerFor(format: string): Importer | undefined {
  return IMPORTERS.find((importer) => importer.format === format);
}

export function importFormats(): string[] {
  return IMPORTERS.map((importer) => importer.format);
}
