/**
 * Every format perfgate imports, by its `format:` name in perfgate.yml. One line per importer.
 */
import type { Importer } from './importer.js';
// imports: formats A
// imports: formats B

export const IMPORTERS: readonly Importer[] = [
  // entries: formats A
  // entries: formats B
];

export function importerFor(format: string): Importer | undefined {
  return IMPORTERS.find((importer) => importer.format === format);
}

export function importFormats(): string[] {
  return IMPORTERS.map((importer) => importer.format);
}
