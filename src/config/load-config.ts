import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  KEDANG_DATA_DIR: z.string().default('./data'),
  KEDANG_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KEDANG_HOST: z.string().default('127.0.0.1'),
  KEDANG_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  KEDANG_ADMIN_PASSWORD: z.string().optional(),
  KEDANG_SESSION_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  KEDANG_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KEDANG_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  KEDANG_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  KEDANG_LOG_REQUESTS: z.enum(['true', 'false']).default('false'),
  KEDANG_MASTER_KEY: z.string().optional(),
});

export type Config = Readonly<{
  dataDir: string;
  databaseUrl: string | undefined;
  sqlitePath: string;
  host: string;
  port: number;
  adminPassword: string | undefined;
  sessionHours: number;
  logLevel: z.infer<typeof envSchema>['KEDANG_LOG_LEVEL'];
  bodyLimitBytes: number;
  cookieSecure: 'auto' | 'true' | 'false';
  logRequests: boolean;
  /** 32 bytes (base64/hex); without it the key file below is used, created on first start */
  masterKey: string | undefined;
  keyFile: string;
}>;

export class ConfigError extends Error {}

/** Reads the environment once; a bad value stops start-up with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置有误 / Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.KEDANG_DATA_DIR);
  return Object.freeze({
    dataDir,
    databaseUrl: e.KEDANG_DATABASE_URL,
    sqlitePath: path.join(dataDir, 'kedang.sqlite'),
    host: e.KEDANG_HOST,
    port: e.KEDANG_PORT,
    adminPassword: e.KEDANG_ADMIN_PASSWORD || undefined,
    sessionHours: e.KEDANG_SESSION_HOURS,
    logLevel: e.KEDANG_LOG_LEVEL,
    bodyLimitBytes: e.KEDANG_BODY_LIMIT_BYTES,
    cookieSecure: e.KEDANG_COOKIE_SECURE,
    logRequests: e.KEDANG_LOG_REQUESTS === 'true',
    masterKey: e.KEDANG_MASTER_KEY || undefined,
    keyFile: path.join(dataDir, 'kedang.key'),
  });
}
