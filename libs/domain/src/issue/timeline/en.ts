import { ROLE_NAMES } from '../acts/catalogue';
import type { TimelineCatalogue } from './vocabulary';

/** The timeline in English: what the API answers in `text`, and the console in English. */
export const TIMELINE_EN: TimelineCatalogue = {
  words: {
    stage: {
      verification: 'Verification',
      township_decision: 'Township decision',
      solution_plan: 'Solution plan',
      resolution: 'Resolution',
      write_off: 'Write-off check',
      closed: 'Closed',
    },
    closure: {
      written_off: 'written off',
      persuaded: 'persuaded',
      unfounded: 'unfounded',
      merged: 'merged into the issue it duplicates',
    },
    channel: {
      sector_signal: 'sector data signal',
      hotline: 'hotline',
      village_patrol: 'village patrol',
      household: 'the household',
      supervision: 'supervision',
    },
    level: { none: 'On time', yellow: 'Yellow: overdue', red: 'Red: seriously overdue' },
    severity: { general: 'general', major: 'major' },
    extension: {
      voting: 'being voted on',
      approved: 'approved',
      rejected: 'rejected',
      lapsed: 'undecided when voting closed',
    },
    sector: {
      education: 'Education',
      medical: 'Medical care',
      housing: 'Housing safety',
      water: 'Drinking water',
    },
    role: {
      village: ROLE_NAMES.village.en,
      township: ROLE_NAMES.township.en,
      bureau: ROLE_NAMES.bureau.en,
      leader: ROLE_NAMES.leader.en,
      supervisor: ROLE_NAMES.supervisor.en,
      admin: ROLE_NAMES.admin.en,
      system: ROLE_NAMES.system.en,
    },
    bureau: (sector) => `county ${sector} bureau`,
    who: (name, role) => `${name} (${role})`,
    list: (items) => items.join(', '),
  },
  lines: {
    opened: (l) =>
      `Reported through ${l.words.channel[l.payload.channel] ?? l.payload.channel} by ${l.who}; verification due ${l.time(l.payload.dueAt)}`,
    evidence: (l) =>
      // A hand report's own text arrives as evidence from the reporting user's account.
      l.payload.source.startsWith('api:user:')
        ? 'The report itself, kept as evidence'
        : `Evidence added from ${l.payload.source}`,
    extension_decided: (l) =>
      `The extension was ${l.words.extension[l.payload.status]} (${l.payload.approvals} for, ${l.payload.rejections} against)`,
    reopened: () => 'Reopened: back to resolution',
    overdue: (l) =>
      `The ${l.stage} time limit (${l.time(l.payload.dueAt)}) passed: ${l.unit(l.payload.unit)} is answerable; told: ${l.told(
        l.payload.notify,
      )}`,
    reminder: (l) =>
      `Reminder ${l.payload.reminder} to ${l.unit(l.payload.unit)}: ${l.stage} still waiting`,
    escalation: (l) =>
      `Escalated (${l.words.level[l.payload.level]}): ${l.stage} at ${l.unit(l.payload.unit)}; told: ${l.told(
        l.payload.notify,
      )}`,
    closed: (l) => `Closed: ${l.words.closure[l.payload.closure]}`,
    merged_in: (l) =>
      `${l.who} merged the duplicate ${l.payload.duplicate} into this issue; its evidence is linked here: ${
        l.payload.evidence.length > 0
          ? l.words.list(l.payload.evidence.map((e) => e.evidenceId))
          : 'none'
      }`,
  },
  notes: {
    deadline: (n) =>
      `Time limit set for ${n.stage}${n.due ? `: due ${n.due}` : ''}${
        n.uncoveredYears
          ? ` (the holiday lists do not cover ${n.uncoveredYears}: the due time may be too early)`
          : ''
      }`,
    lapse: (n) =>
      `Lapse recorded against ${n.unit} for ${n.stage}: due ${n.due}, ${
        n.done ? `done ${n.daysLate} days late` : `still waiting, ${n.daysLate} days late so far`
      }`,
  },
};
