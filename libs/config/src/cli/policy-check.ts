import { calendarCoverage, calendarWarning } from '@sanbao/domain';
import { loadDeadlinePolicy } from '../app-config';

/**
 * `npm run policy:check -- <file>`: checks a deadline policy file exactly as the apps will at
 * start-up (laid over the default, then validated) and prints which years its holiday lists
 * cover, so the yearly State Council list can be added and checked before any restart.
 * Exit 1 on a problem, 0 otherwise (a coverage warning is printed, not an error).
 */
function main(): void {
  const [file] = process.argv.slice(2);
  if (!file) {
    console.error('usage: npm run policy:check -- <deadline-policy.json>');
    process.exit(2);
  }
  const problems: string[] = [];
  const policy = loadDeadlinePolicy(file, problems);
  if (!policy) {
    for (const problem of problems) console.error(problem);
    process.exit(1);
  }
  const years = calendarCoverage(policy).years;
  console.log(`version:       ${policy.version}`);
  console.log(`dayKind:       ${policy.dayKind}`);
  console.log(`holiday lists: ${years.length > 0 ? years.join(', ') : 'none'}`);
  const warning = calendarWarning(policy, new Date());
  if (warning) console.log(`warning:       ${warning.message}`);
  else console.log('ok:            the apps will not warn about the calendar today');
}

main();
