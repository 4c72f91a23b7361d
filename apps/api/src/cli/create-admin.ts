import { AuthError, UsersService } from '@sanbao/auth';
import { cliContext, readStdin } from './cli-context';

/**
 * `npm run admin:create -- <username> [display name]`: creates the first administrator (or
 * another one). The password comes from ADMIN_PASSWORD or standard input, never the command
 * line, so it stays out of shell history and process lists.
 */
async function main(): Promise<void> {
  const [username, ...nameParts] = process.argv.slice(2);
  if (!username) {
    throw new Error(
      'usage: npm run admin:create -- <username> [display name]  (password from ADMIN_PASSWORD or stdin)',
    );
  }
  const password = process.env.ADMIN_PASSWORD || (await readStdin());
  if (!password) throw new Error('give the password in ADMIN_PASSWORD or on standard input');
  const context = await cliContext();
  try {
    const user = await context.get(UsersService).create({
      username,
      displayName: nameParts.join(' ') || username,
      password,
      role: 'admin',
    });
    console.log(`[admin:create] administrator ${user.username} created (id ${user.id})`);
  } finally {
    await context.close();
  }
}

main().catch((error: unknown) => {
  const detail =
    error instanceof AuthError && error.fields
      ? `${error.message}: ${Object.entries(error.fields)
          .map(([field, problems]) => `${field} ${problems.join(', ')}`)
          .join('; ')}`
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(`[admin:create] failed: ${detail}`);
  process.exit(1);
});
