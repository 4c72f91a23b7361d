import { ROLE_NAMES } from '../acts/catalogue';
import type { TimelineCatalogue } from './vocabulary';

/** 时间线（中文）：控制台的默认语言。 */
export const TIMELINE_ZH_CN: TimelineCatalogue = {
  words: {
    stage: {
      verification: '入户核查',
      township_decision: '乡镇研判',
      solution_plan: '制定方案',
      resolution: '解决落实',
      write_off: '销号核验',
      closed: '已办结',
    },
    closure: {
      written_off: '已销号',
      persuaded: '说服劝导',
      unfounded: '核实不属实',
      merged: '作为重复问题合并',
    },
    channel: {
      sector_signal: '行业数据预警',
      hotline: '热线电话',
      village_patrol: '村级巡查',
      household: '群众自报',
      supervision: '督查发现',
    },
    level: { none: '未逾期', yellow: '黄色预警', red: '红色预警' },
    severity: { general: '一般', major: '重大复杂' },
    extension: {
      voting: '表决中',
      approved: '获批准',
      rejected: '未获批准',
      lapsed: '表决逾期未决',
    },
    sector: { education: '义务教育', medical: '基本医疗', housing: '住房安全', water: '饮水安全' },
    role: {
      village: ROLE_NAMES.village.zh,
      township: ROLE_NAMES.township.zh,
      bureau: ROLE_NAMES.bureau.zh,
      leader: ROLE_NAMES.leader.zh,
      supervisor: ROLE_NAMES.supervisor.zh,
      admin: ROLE_NAMES.admin.zh,
      system: ROLE_NAMES.system.zh,
    },
    bureau: (sector) => `县${sector}主管部门`,
    who: (name, role) => `${name}（${role}）`,
    list: (items) => items.join('、'),
  },
  lines: {
    opened: (l) =>
      `${l.who}通过“${l.words.channel[l.payload.channel] ?? l.payload.channel}”上报问题`,
    evidence: (l) =>
      l.payload.source.startsWith('api:user:')
        ? '收到上报材料'
        : `收到新线索（${l.payload.source}）`,
    extension_decided: (l) =>
      `延期申请${l.words.extension[l.payload.status]}（同意 ${l.payload.approvals} 票，不同意 ${l.payload.rejections} 票）`,
    reopened: () => '退回重办',
    overdue: (l) =>
      `“${l.stage}”超过时限（${l.time(l.payload.dueAt)}），责任单位 ${l.unit(l.payload.unit)}；已通知：${l.told(
        l.payload.notify,
      )}`,
    reminder: (l) =>
      `第 ${l.payload.reminder} 次提醒 ${l.unit(l.payload.unit)}：“${l.stage}”仍未办理`,
    escalation: (l) =>
      `逐级上报（${l.words.level[l.payload.level]}）：“${l.stage}”在 ${l.unit(l.payload.unit)} 逾期；已通知：${l.told(
        l.payload.notify,
      )}`,
    closed: (l) => `办结：${l.words.closure[l.payload.closure]}`,
    merged_in: (l) =>
      `${l.who}将重复问题 ${l.payload.duplicate} 并入本问题，其佐证材料：${
        l.payload.evidence.length > 0
          ? l.words.list(l.payload.evidence.map((e) => e.evidenceId))
          : '无'
      }`,
  },
  notes: {
    deadline: (n) =>
      `设定“${n.stage}”时限${n.due ? `：${n.due}前办结` : ''}${
        n.uncoveredYears ? `（节假日安排未覆盖${n.uncoveredYears}年，时限可能偏早）` : ''
      }`,
    lapse: (n) =>
      `${n.unit}“${n.stage}”逾期：时限${n.due}，${
        n.done ? `已办结，逾期${n.daysLate}天` : `尚未办结，已逾期${n.daysLate}天`
      }`,
  },
};
