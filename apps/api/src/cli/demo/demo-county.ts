import type { Sector } from '@sanbao/domain';
import type { UserRole } from '@sanbao/persistence';

/**
 * The demo county: two townships, four villages and one person for every role. Everyone signs
 * in with the same password; the data is made up (no real person or household).
 */

export const PASSWORD = 'sanbao-demo-2026';

export const TOWNSHIPS = [
  { code: '511921101', name: '城关镇' },
  { code: '511921102', name: '河西乡' },
];
export const VILLAGES = [
  { code: '511921101201', name: '红星村' },
  { code: '511921101202', name: '光明社区' },
  { code: '511921102201', name: '新河村' },
  { code: '511921102202', name: '石桥村' },
];

export interface DemoPerson {
  username: string;
  displayName: string;
  role: UserRole;
  villageCode?: string;
  townshipCode?: string;
  sector?: Sector;
}

export const PEOPLE: DemoPerson[] = [
  { username: 'demo-admin', displayName: '系统管理员', role: 'admin' },
  {
    username: 'wangfang',
    displayName: '王芳（红星村村干部）',
    role: 'village',
    villageCode: '511921101201',
  },
  {
    username: 'zhanghua',
    displayName: '张华（光明社区干部）',
    role: 'village',
    villageCode: '511921101202',
  },
  {
    username: 'linmei',
    displayName: '林梅（石桥村村干部）',
    role: 'village',
    villageCode: '511921102202',
  },
  {
    username: 'zhaolei',
    displayName: '赵磊（新河村驻村干部）',
    role: 'village',
    villageCode: '511921102201',
  },
  {
    username: 'liqiang',
    displayName: '李强（城关镇）',
    role: 'township',
    townshipCode: '511921101',
  },
  { username: 'sunli', displayName: '孙丽（河西乡）', role: 'township', townshipCode: '511921102' },
  { username: 'chenmin', displayName: '陈敏（县教科局）', role: 'bureau', sector: 'education' },
  { username: 'liuyang', displayName: '刘洋（县医保局）', role: 'bureau', sector: 'medical' },
  { username: 'zhouhao', displayName: '周浩（县住建局）', role: 'bureau', sector: 'housing' },
  { username: 'wujun', displayName: '吴军（县水利局）', role: 'bureau', sector: 'water' },
  { username: 'leader-he', displayName: '何县长', role: 'leader' },
  { username: 'leader-xu', displayName: '徐副县长', role: 'leader' },
  { username: 'leader-ma', displayName: '马副县长', role: 'leader' },
  { username: 'zhoujie', displayName: '周洁（县乡村振兴局督查）', role: 'supervisor' },
];

export const BUREAUS: Record<Sector, string> = {
  education: '县教科局',
  medical: '县医保局',
  housing: '县住建局',
  water: '县水利局',
};

/** Who answers for each sector's issues in the demo: one bureau officer per sector. */
export const BUREAU_OFFICER: Record<Sector, string> = {
  education: 'chenmin',
  medical: 'liuyang',
  housing: 'zhouhao',
  water: 'wujun',
};

/** The township officer of a township code. */
export function townshipOfficer(townshipCode: string): string {
  return townshipCode === '511921101' ? 'liqiang' : 'sunli';
}
