import { sql, type Selectable } from 'kysely';
import type { CustomFieldDef, CustomFieldType } from '../../domain/custom-fields/custom-field.ts';
import type { Role, User } from '../../domain/users/user.ts';
import type { RoleGrants } from '../../domain/access/permissions.ts';
import type { AuthStore, CounterStore, SignedInUser, RoleStore, CustomFieldRow, CustomFieldStore, DepartmentStore, SettingsStore, UserStore, UserWithSecret } from '../../services/ports.ts';
import type { CustomFieldDefsTable, UsersTable } from '../schema.ts';
import type { Db } from '../connect.ts';
import { parseJson, toFlag, uniqueAs } from '../db-errors.ts';

const toUserWithSecret = (r: Selectable<UsersTable>): UserWithSecret => ({
  ...r,
  role: r.role as Role,
  isActive: r.isActive === 1,
  totpEnabled: r.totpEnabledAt !== null,
  totpLastStep: r.totpLastStep === null ? null : Number(r.totpLastStep),
});
const toUser = (r: Selectable<UsersTable>): User => {
  const { passwordHash: _p, failedSignIns: _f, lockedUntil: _l, totpSecret: _s, totpPendingSecret: _ps, totpEnabledAt: _e, totpLastStep: _ls, ...u } = toUserWithSecret(r);
  return u;
};

export function userStore(db: Db): UserStore {
  return {
    async list() {
      return (await db.selectFrom('users').selectAll().orderBy('id').execute()).map(toUser);
    },
    async findById(id) {
      const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toUserWithSecret(r);
    },
    async findByUsername(username) {
      const r = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
      return r && toUserWithSecret(r);
    },
    async insert(row, at) {
      const r = await uniqueAs('username', () =>
        db.insertInto('users').values({ ...row, isActive: toFlag(row.isActive), failedSignIns: 0, createdAt: at, updatedAt: at }).returningAll().executeTakeFirstOrThrow(),
      );
      return toUser(r);
    },
    async update(id, changes, at) {
      const { isActive, ...rest } = changes;
      const set = { ...rest, ...(isActive === undefined ? {} : { isActive: toFlag(isActive) }), updatedAt: at };
      return toUser(await db.updateTable('users').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow());
    },
    async claimTotpStep(id, step) {
      // one conditional statement, so two requests racing with the same code cannot both win
      const r = await db
        .updateTable('users')
        .set({ totpLastStep: step })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async countActiveAdmins() {
      const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').where('isActive', '=', 1).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async count() {
      const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}

export function departmentStore(db: Db): DepartmentStore {
  return {
    list: () => db.selectFrom('departments').selectAll().orderBy('id').execute(),
    findById: (id) => db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst(),
    insert: (row, at) => db.insertInto('departments').values({ ...row, createdAt: at }).returningAll().executeTakeFirstOrThrow(),
    update: (id, changes) => db.updateTable('departments').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow(),
  };
}

/** A session or token is read with its user in one query (one round trip less on every request). */
const userOfColumns = ['users.username', 'users.role', 'users.departmentId', 'users.isActive'] as const;
/** Splits such a joined row into the record and its `user`. */
function withUser<R extends { userId: number; username: string; role: string; departmentId: number | null; isActive: number }>(r: R) {
  const { username, role, departmentId, isActive, ...record } = r;
  const user: SignedInUser = { id: r.userId, username, role: role as Role, departmentId, isActive: isActive === 1 };
  return { ...record, user };
}

export function authStore(db: Db): AuthStore {
  const tokenColumns = ['id', 'userId', 'name', 'tokenPrefix', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt'] as const;
  return {
    async insertSession(s) {
      await db.insertInto('sessions').values(s).execute();
    },
    async findSession(id) {
      const r = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.userId')
        .select(['sessions.id', 'sessions.userId', 'sessions.createdAt', 'sessions.expiresAt', 'sessions.lastSeenAt', ...userOfColumns])
        .where('sessions.id', '=', id)
        .executeTakeFirst();
      return r && withUser(r);
    },
    listSessions: (userId, now) =>
      db.selectFrom('sessions').selectAll().where('userId', '=', userId).where('expiresAt', '>', now).orderBy('lastSeenAt', 'desc').orderBy('id').execute(),
    async touchSession(id, lastSeenAt, expiresAt) {
      await db.updateTable('sessions').set({ lastSeenAt, expiresAt }).where('id', '=', id).execute();
    },
    async deleteSession(id) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async deleteSessionsOfUser(userId, exceptId) {
      let q = db.deleteFrom('sessions').where('userId', '=', userId);
      if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
      return Number((await q.executeTakeFirst()).numDeletedRows);
    },
    async deleteExpiredSessions(now) {
      const r = await db.deleteFrom('sessions').where('expiresAt', '<', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async insertChallenge(c) {
      await db.deleteFrom('signInChallenges').where('expiresAt', '<', c.createdAt).execute();
      await db.insertInto('signInChallenges').values(c).execute();
    },
    findChallenge: (id) => db.selectFrom('signInChallenges').selectAll().where('id', '=', id).executeTakeFirst(),
    async deleteChallenge(id) {
      await db.deleteFrom('signInChallenges').where('id', '=', id).execute();
    },
    insertToken: (t) => db.insertInto('apiTokens').values(t).returning(tokenColumns).executeTakeFirstOrThrow(),
    async findTokenByHash(hash) {
      const r = await db
        .selectFrom('apiTokens')
        .innerJoin('users', 'users.id', 'apiTokens.userId')
        .select([...tokenColumns.map((c) => `apiTokens.${c}` as const), ...userOfColumns])
        .where('apiTokens.tokenHash', '=', hash)
        .executeTakeFirst();
      return r && withUser(r);
    },
    async touchToken(id, at) {
      await db.updateTable('apiTokens').set({ lastUsedAt: at }).where('id', '=', id).execute();
    },
    listTokens: (userId) => db.selectFrom('apiTokens').select(tokenColumns).where('userId', '=', userId).orderBy('id').execute(),
    async revokeToken(id, at) {
      await db.updateTable('apiTokens').set({ revokedAt: at }).where('id', '=', id).execute();
    },
    async revokeTokensOfUser(userId, at) {
      const r = await db.updateTable('apiTokens').set({ revokedAt: at }).where('userId', '=', userId).where('revokedAt', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}

export function settingsStore(db: Db): SettingsStore {
  return {
    async get<T>(key: string) {
      const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return r ? parseJson<T | undefined>(r.value, undefined) : undefined;
    },
    async put(key, value, at) {
      const json = JSON.stringify(value);
      await db
        .insertInto('settings')
        .values({ key, value: json, updatedAt: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updatedAt: at }))
        .execute();
    },
  };
}

export function counterStore(db: Db): CounterStore {
  return {
    async next(scope, period) {
      // one statement on both engines: the row lock (PostgreSQL) or the write lock (SQLite) serialises writers
      const r = await db
        .insertInto('codeCounters')
        .values({ scope, period, lastValue: 1 })
        .onConflict((oc) => oc.columns(['scope', 'period']).doUpdateSet({ lastValue: sql<number>`code_counters.last_value + 1` }))
        .returning('lastValue')
        .executeTakeFirstOrThrow();
      return Number(r.lastValue);
    },
  };
}

const toDef = (r: Selectable<CustomFieldDefsTable>): CustomFieldDef => ({
  ...r,
  type: r.type as CustomFieldType,
  appliesTo: r.appliesTo as CustomFieldDef['appliesTo'],
  options: parseJson<string[]>(r.options, []),
  required: r.required === 1,
  sensitive: r.sensitive === 1,
  archived: r.archived === 1,
});

function defToDb(row: Partial<CustomFieldRow>) {
  const out: Record<string, unknown> = { ...row };
  if (row.options !== undefined) out.options = JSON.stringify(row.options);
  for (const f of ['required', 'sensitive', 'archived'] as const) if (row[f] !== undefined) out[f] = toFlag(row[f]);
  return out;
}

export function customFieldStore(db: Db): CustomFieldStore {
  return {
    async list() {
      return (await db.selectFrom('customFieldDefs').selectAll().orderBy('position').orderBy('id').execute()).map(toDef);
    },
    async findById(id) {
      const r = await db.selectFrom('customFieldDefs').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toDef(r);
    },
    async findByKey(key) {
      const r = await db.selectFrom('customFieldDefs').selectAll().where('key', '=', key).executeTakeFirst();
      return r && toDef(r);
    },
    async insert(row, at) {
      const values = { ...defToDb(row), createdAt: at, updatedAt: at } as never;
      return toDef(await uniqueAs('key', () => db.insertInto('customFieldDefs').values(values).returningAll().executeTakeFirstOrThrow()));
    },
    async update(id, changes, at) {
      const set = { ...defToDb(changes), updatedAt: at } as never;
      return toDef(await db.updateTable('customFieldDefs').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow());
    },
  };
}

export function roleStore(db: Db): RoleStore {
  const toRole = (r: { key: string; nameZh: string; nameEn: string | null; grants: string; createdAt: string; updatedAt: string }) => ({
    ...r,
    grants: parseJson<RoleGrants>(r.grants, { records: {}, system: [], fields: {} }),
  });
  return {
    async list() {
      return (await db.selectFrom('roles').selectAll().orderBy('key').execute()).map(toRole);
    },
    async find(key) {
      const r = await db.selectFrom('roles').selectAll().where('key', '=', key).executeTakeFirst();
      return r && toRole(r);
    },
    async insert(role, at) {
      const r = await uniqueAs('key', () =>
        db.insertInto('roles').values({ ...role, grants: JSON.stringify(role.grants), createdAt: at, updatedAt: at }).returningAll().executeTakeFirstOrThrow(),
      );
      return toRole(r);
    },
    async update(key, changes, at) {
      const { grants, ...rest } = changes;
      const set = { ...rest, ...(grants ? { grants: JSON.stringify(grants) } : {}), updatedAt: at };
      return toRole(await db.updateTable('roles').set(set).where('key', '=', key).returningAll().executeTakeFirstOrThrow());
    },
    async delete(key) {
      await db.deleteFrom('roles').where('key', '=', key).execute();
    },
    async countUsers(key) {
      const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', key).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
