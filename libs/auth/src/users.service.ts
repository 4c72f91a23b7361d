import { Injectable } from '@nestjs/common';
import { cleanTextMessage, isCleanText, isSector, type Sector } from '@sanbao/domain';
import type { AppUserEntity, UserRole } from '@sanbao/persistence';
import { AuthError } from './auth.errors';
import { DUMMY_HASH, hashPassword, passwordProblems, verifyPassword } from './password';
import { Principal, principalOf } from './principal';
import { UsersRepository } from './users.repository';

export const USER_ROLES: readonly UserRole[] = [
  'village',
  'township',
  'bureau',
  'leader',
  'supervisor',
  'admin',
];

export interface UserScope {
  role: UserRole;
  villageCode?: string | null;
  townshipCode?: string | null;
  sector?: Sector | null;
}

export interface NewUser extends UserScope {
  username: string;
  displayName: string;
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: UserRole;
  villageCode?: string | null;
  townshipCode?: string | null;
  sector?: Sector | null;
  active?: boolean;
  password?: string;
}

/** A signed-in user: who they are, and the token version a token for them carries. */
export interface Session {
  principal: Principal;
  tokenVersion: number;
}

/** A user as the API shows it: never the password hash. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  villageCode: string | null;
  townshipCode: string | null;
  sector: Sector | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export function userView(user: AppUserEntity): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    villageCode: user.villageCode,
    townshipCode: user.townshipCode,
    sector: user.sector,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

const SCOPE_FIELD: Partial<Record<UserRole, 'villageCode' | 'townshipCode' | 'sector'>> = {
  village: 'villageCode',
  township: 'townshipCode',
  bureau: 'sector',
};

/** People: sign-in, token checks, and the administrators' changes to accounts. */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  /** Who signed in, and the token version their token must carry; one answer for every failure. */
  async signIn(username: string, password: string): Promise<Session> {
    // A name the table cannot hold (a NUL) names nobody; it still costs a hash comparison.
    const name = username.trim().toLowerCase();
    const user = isCleanText(name) ? await this.users.findByUsername(name) : null;
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      throw new AuthError('invalid_credentials', 'wrong username or password');
    }
    return { principal: principalOf(user), tokenVersion: user.tokenVersion };
  }

  /**
   * The principal behind a verified token, if the account still stands and the token carries
   * its current version: a counter, not a time, so no clock resolution lets an old token through.
   */
  async principalForToken(userId: string, tokenVersion: number): Promise<Principal> {
    const user = await this.users.findById(userId);
    if (!user || !user.active || tokenVersion !== user.tokenVersion) {
      throw new AuthError('unauthenticated', 'the token is no longer valid; sign in again');
    }
    return principalOf(user);
  }

  async list(filter: { role?: UserRole; active?: boolean }): Promise<UserView[]> {
    return (await this.users.list(filter)).map(userView);
  }

  async get(id: string): Promise<UserView> {
    return userView(await this.find(id));
  }

  async create(input: NewUser): Promise<UserView> {
    const username = input.username.trim().toLowerCase();
    const fields: Record<string, string[]> = {};
    Object.assign(fields, displayNameProblems(input.displayName));
    const problems = passwordProblems(input.password);
    if (problems.length > 0) fields.password = problems;
    Object.assign(fields, await this.scopeProblems(input));
    if (Object.keys(fields).length > 0) {
      throw new AuthError('invalid_scope', 'the user cannot be created as given', fields);
    }
    if (await this.users.findByUsername(username)) {
      throw new AuthError('username_taken', `username ${username} is already taken`);
    }
    try {
      const user = await this.users.insert({
        username,
        displayName: input.displayName.trim(),
        passwordHash: await hashPassword(input.password),
        ...normalScope(input),
        active: true,
      });
      return userView(user);
    } catch (error) {
      // Two administrators creating the same username at once: the database decides.
      if ((error as { code?: string }).code === '23505') {
        throw new AuthError('username_taken', `username ${username} is already taken`);
      }
      throw error;
    }
  }

  async update(id: string, changes: UserChanges): Promise<UserView> {
    const user = await this.find(id);
    // null clears a scope field; for the others it is no value at all, refused before use.
    const unset = (['displayName', 'role', 'active', 'password'] as const).filter(
      (field) => (changes[field] as unknown) === null,
    );
    if (unset.length > 0 || changes.displayName !== undefined) {
      const fields = Object.fromEntries(unset.map((field) => [field, ['must not be null']]));
      if (typeof changes.displayName === 'string') {
        Object.assign(fields, displayNameProblems(changes.displayName));
      }
      if (Object.keys(fields).length > 0) {
        throw new AuthError('invalid_scope', 'the user cannot be changed as given', fields);
      }
    }
    const scopeChanged =
      changes.role !== undefined ||
      changes.villageCode !== undefined ||
      changes.townshipCode !== undefined ||
      changes.sector !== undefined;
    const fields: Record<string, string[]> = {};
    let scope = normalScope(user);
    if (scopeChanged) {
      const role = changes.role ?? user.role;
      // A new role brings its own scope; the old role's scope field does not carry over.
      const carry = changes.role === undefined || changes.role === user.role;
      const pick = <K extends 'villageCode' | 'townshipCode' | 'sector'>(field: K) =>
        changes[field] !== undefined ? changes[field] : carry ? user[field] : null;
      const candidate: UserScope = {
        role,
        villageCode: pick('villageCode'),
        townshipCode: pick('townshipCode'),
        sector: pick('sector'),
      };
      Object.assign(fields, await this.scopeProblems(candidate));
      scope = normalScope(candidate);
    }
    if (changes.password !== undefined) {
      const problems = passwordProblems(changes.password);
      if (problems.length > 0) fields.password = problems;
    }
    if (Object.keys(fields).length > 0) {
      throw new AuthError('invalid_scope', 'the user cannot be changed as given', fields);
    }
    if (changes.displayName !== undefined) user.displayName = changes.displayName.trim();
    if (changes.active !== undefined) user.active = changes.active;
    if (changes.password !== undefined) user.passwordHash = await hashPassword(changes.password);
    Object.assign(user, scope);
    // Tokens carry no role or scope, but a new password, a changed scope or deactivation ends
    // every earlier session (deactivation also stops them at once through `active`).
    const endSessions = scopeChanged || changes.password !== undefined || changes.active === false;
    if (endSessions) user.tokensValidFrom = new Date();
    user.updatedAt = new Date();
    return userView(await this.users.save(user, { endSessions }));
  }

  async changeOwnPassword(userId: string, current: string, next: string): Promise<void> {
    const user = await this.find(userId);
    if (!(await verifyPassword(current, user.passwordHash))) {
      throw new AuthError('invalid_scope', 'the current password is wrong', {
        currentPassword: ['is wrong'],
      });
    }
    await this.update(userId, { password: next });
  }

  private async find(id: string): Promise<AppUserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw new AuthError('unknown_user', `no user ${id}`);
    return user;
  }

  /** What is wrong with a role's scope: the one field it needs, pointing at something real. */
  private async scopeProblems(scope: UserScope): Promise<Record<string, string[]>> {
    const fields: Record<string, string[]> = {};
    const needed = SCOPE_FIELD[scope.role];
    for (const field of ['villageCode', 'townshipCode', 'sector'] as const) {
      const value = scope[field];
      if (field === needed && (value === undefined || value === null)) {
        fields[field] = [`is required for the role ${scope.role}`];
      } else if (field !== needed && value !== undefined && value !== null) {
        fields[field] = [`must be empty for the role ${scope.role}`];
      }
    }
    if (needed === 'villageCode' && scope.villageCode && !fields.villageCode) {
      if (!(await this.users.villageExists(scope.villageCode))) {
        fields.villageCode = [`village ${scope.villageCode} is not one of the county's villages`];
      }
    }
    if (needed === 'townshipCode' && scope.townshipCode && !fields.townshipCode) {
      if (!(await this.users.townshipExists(scope.townshipCode))) {
        fields.townshipCode = [
          `township ${scope.townshipCode} is not one of the county's townships`,
        ];
      }
    }
    if (needed === 'sector' && scope.sector && !isSector(scope.sector)) {
      fields.sector = ['must be one of education, medical, housing, water'];
    }
    return fields;
  }
}

/** A name people read on lists and in issue records: one clean line, not blank. */
function displayNameProblems(name: string): Record<string, string[]> {
  const unclean = cleanTextMessage(name);
  if (unclean) return { displayName: [unclean] };
  return name.trim() === '' ? { displayName: ['must not be blank'] } : {};
}

function normalScope(scope: UserScope): Required<UserScope> {
  const needed = SCOPE_FIELD[scope.role];
  return {
    role: scope.role,
    villageCode: needed === 'villageCode' ? (scope.villageCode ?? null) : null,
    townshipCode: needed === 'townshipCode' ? (scope.townshipCode ?? null) : null,
    sector: needed === 'sector' ? (scope.sector ?? null) : null,
  };
}
