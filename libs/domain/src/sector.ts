/** The four sectors of "三保障 + 饮水安全", each owned by a county bureau. */
export const SECTORS = ['education', 'medical', 'housing', 'water'] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_CODES: Record<Sector, string> = {
  education: 'EDU',
  medical: 'MED',
  housing: 'HOU',
  water: 'WAT',
};

export function isSector(value: unknown): value is Sector {
  return typeof value === 'string' && (SECTORS as readonly string[]).includes(value);
}
