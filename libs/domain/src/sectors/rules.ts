import { DEFAULT_EDUCATION_RULES, EducationRules } from './education';
import { DEFAULT_HOUSING_RULES, HousingRules } from './housing';
import { DEFAULT_MEDICAL_RULES, MedicalRules } from './medical';
import { DEFAULT_WATER_RULES, WaterRules } from './water';

/** The county's thresholds for every sector (county configuration; these are the defaults). */
export interface SectorRules {
  education: EducationRules;
  medical: MedicalRules;
  housing: HousingRules;
  water: WaterRules;
}

export const DEFAULT_SECTOR_RULES: SectorRules = {
  education: DEFAULT_EDUCATION_RULES,
  medical: DEFAULT_MEDICAL_RULES,
  housing: DEFAULT_HOUSING_RULES,
  water: DEFAULT_WATER_RULES,
};
