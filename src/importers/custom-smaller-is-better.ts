import type { Importer } from './importer.js';
import { parseCustomJson } from './custom-json.js';

export const customSmallerIsBetterImporter: Importer = {
  format: 'custom-smaller-is-better',
  description: "github-action-benchmark's customSmallerIsBetter JSON: an array of {name, unit, value, range?}",
  parse: (text, file) => parseCustomJson(text, file, 'custom-smaller-is-better', 'smaller'),
};
