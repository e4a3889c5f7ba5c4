import type { Importer } from './importer.js';
import { parseCustomJson } from './custom-json.js';

export const customBiggerIsBetterImporter: Importer = {
  format: 'custom-bigger-is-better',
  description: "github-action-benchmark's customBiggerIsBetter JSON: an array of {name, unit, value, range?}",
  parse: (text, file) => parseCustomJson(text, file, 'custom-bigger-is-better', 'bigger'),
};
