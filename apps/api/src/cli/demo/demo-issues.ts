import type { Sector } from '@sanbao/domain';

/**
 * The demo issues, one per step of the process: each goes as far as its steps say, so every
 * role finds something to do (verify, decide, plan, vote, check).
 */

export type Step =
  | 'verified'
  | 'forwarded'
  | 'persuaded'
  | 'planned'
  | 'progress'
  | 'extension'
  | 'completed'
  | 'written_off';

export interface DemoIssue {
  id: string;
  sector: Sector;
  kind: string;
  villageCode: string;
  personRef?: string;
  summary: string;
  severity?: 'general' | 'major';
  steps: Step[];
}

export const ISSUES: DemoIssue[] = [
  {
    id: 'HH-DEMO-0001',
    sector: 'education',
    kind: 'not_returned',
    villageCode: '511921101201',
    personRef: 'CHILD-1',
    summary: '开学两周未返校（9岁）',
    steps: [],
  },
  {
    id: 'HH-DEMO-0002',
    sector: 'medical',
    kind: 'high_out_of_pocket',
    villageCode: '511921101201',
    summary: '出院后自付医疗费用较高',
    steps: ['verified'],
  },
  {
    id: 'HH-DEMO-0003',
    sector: 'housing',
    kind: 'unsafe_house',
    villageCode: '511921101202',
    summary: '暴雨后房屋鉴定为C级，仍有人居住',
    steps: ['verified', 'forwarded'],
  },
  {
    id: 'HH-DEMO-0004',
    sector: 'education',
    kind: 'dropped_out',
    villageCode: '511921101201',
    personRef: 'CHILD-2',
    summary: '初二学生辍学外出务工',
    severity: 'general',
    steps: ['verified', 'forwarded', 'planned', 'progress'],
  },
  {
    id: 'HH-DEMO-0005',
    sector: 'housing',
    kind: 'unsafe_house',
    villageCode: '511921102201',
    summary: '危房D级，需过渡安置并重建',
    severity: 'major',
    steps: ['verified', 'forwarded', 'planned', 'extension'],
  },
  {
    id: 'HH-DEMO-0006',
    sector: 'water',
    kind: 'frozen',
    villageCode: '511921102201',
    summary: '入户水管冻裂停水',
    severity: 'general',
    steps: ['verified', 'forwarded', 'planned', 'completed'],
  },
  {
    id: 'HH-DEMO-0007',
    sector: 'medical',
    kind: 'premium_unpaid',
    villageCode: '511921102202',
    summary: '城乡居民医保未参保缴费',
    severity: 'general',
    steps: ['verified', 'forwarded', 'planned', 'completed', 'written_off'],
  },
  {
    id: 'HH-DEMO-0008',
    sector: 'education',
    kind: 'hardship_without_aid',
    villageCode: '511921101202',
    personRef: 'CHILD-1',
    summary: '反映未享受学生资助，核实已享受',
    steps: ['verified', 'persuaded'],
  },
];
