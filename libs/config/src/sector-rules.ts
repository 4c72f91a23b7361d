import {
  DEFAULT_SECTOR_RULES,
  mergeSectorRules,
  SectorRules,
  validateSectorRules,
} from '@sanbao/domain';
import { readFileSync } from 'fs';

/**
 * The county's sector thresholds: the defaults, or the defaults with SECTOR_RULES_FILE laid
 * over them (each sector's fields replace the default's one by one). Problems are reported
 * under the variable's name, like every other bad setting.
 */
export function loadSectorRules(
  file: string | undefined,
  problems: string[],
): SectorRules | undefined {
  if (file === undefined) return DEFAULT_SECTOR_RULES;
  const fail = (problem: string) => {
    problems.push(`SECTOR_RULES_FILE: ${problem}`);
    return undefined;
  };
  let override: unknown;
  try {
    override = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code ? `cannot read ${file} (${code})` : `${file} is not valid JSON`);
  }
  if (typeof override !== 'object' || override === null || Array.isArray(override)) {
    return fail(`${file} must hold a JSON object with the sectors' fields to change`);
  }
  const unknown = Object.keys(override).filter((key) => !(key in DEFAULT_SECTOR_RULES));
  const rules = mergeSectorRules(DEFAULT_SECTOR_RULES, override);
  const invalid = [
    ...unknown.map((key) => `${key}: unknown sector`),
    ...validateSectorRules(rules),
  ];
  if (invalid.length > 0) {
    invalid.forEach(fail);
    return undefined;
  }
  return rules;
}
