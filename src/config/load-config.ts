import fs from 'node:fs';
import path from 'node:path';
import { createSecureContext } from 'node:tls';
import { Cron } from 'croner';
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
  KEDANG_IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  KEDANG_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  KEDANG_LOG_REQUESTS: z.enum(['true', 'false']).default('false'),
  KEDANG_MASTER_KEY: z.string().optional(),
  KEDANG_SESSION_MAX_DAYS: z.coerce.number().positive().max(365).default(7),
  KEDANG_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  KEDANG_SIGN_IN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  KEDANG_TLS_CERT: z.string().optional(),
  KEDANG_TLS_KEY: z.string().optional(),
  KEDANG_CLASSIFY_CRON: z
    .string()
    .trim()
    .default('0 2 * * *')
    .refine((v) => v === 'off' || validCron(v), 'must be a cron pattern like "0 2 * * *" or off'),
  KEDANG_CLASSIFY_TIMEZONE: z.string().default('Asia/Shanghai'),
});

function validCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

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
  /** largest file an upload to /api/v1/imports may send */
  importMaxBytes: number;
  cookieSecure: 'auto' | 'true' | 'false';
  logRequests: boolean;
  /** 32 bytes (base64/hex); without it the key file below is used, created on first start */
  masterKey: string | undefined;
  keyFile: string;
  /** absolute cap on a session, however active: sliding expiry never goes past created + this */
  sessionMaxDays: number;
  /** API requests per minute per user (cookie) or per token */
  rateLimitPerMinute: number;
  /** sign-in requests per minute per client address */
  signInRateLimitPerMinute: number;
  /** PEM files; both set means HTTPS (see loadTls) */
  tlsCertFile: string | undefined;
  tlsKeyFile: string | undefined;
  /** nightly incremental classification run (croner pattern); undefined when KEDANG_CLASSIFY_CRON=off */
  classifyCron: string | undefined;
  classifyTimezone: string;
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
  const tlsCert = e.KEDANG_TLS_CERT || undefined;
  const tlsKey = e.KEDANG_TLS_KEY || undefined;
  if (Boolean(tlsCert) !== Boolean(tlsKey)) {
    const missing = tlsCert ? 'KEDANG_TLS_KEY' : 'KEDANG_TLS_CERT';
    throw new ConfigError(`配置有误 / Invalid configuration:\n  ${missing}: 须与 ${tlsCert ? 'KEDANG_TLS_CERT' : 'KEDANG_TLS_KEY'} 同时设置 / must be set together with ${tlsCert ? 'KEDANG_TLS_CERT' : 'KEDANG_TLS_KEY'} for HTTPS`);
  }
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
    importMaxBytes: e.KEDANG_IMPORT_MAX_BYTES,
    cookieSecure: e.KEDANG_COOKIE_SECURE,
    logRequests: e.KEDANG_LOG_REQUESTS === 'true',
    masterKey: e.KEDANG_MASTER_KEY || undefined,
    keyFile: path.join(dataDir, 'kedang.key'),
    sessionMaxDays: e.KEDANG_SESSION_MAX_DAYS,
    rateLimitPerMinute: e.KEDANG_RATE_LIMIT_PER_MINUTE,
    signInRateLimitPerMinute: e.KEDANG_SIGN_IN_RATE_LIMIT_PER_MINUTE,
    tlsCertFile: tlsCert && path.resolve(tlsCert),
    tlsKeyFile: tlsKey && path.resolve(tlsKey),
    classifyCron: e.KEDANG_CLASSIFY_CRON === 'off' ? undefined : e.KEDANG_CLASSIFY_CRON,
    classifyTimezone: e.KEDANG_CLASSIFY_TIMEZONE,
  });
}

export type TlsFiles = { cert: Buffer; key: Buffer };

/**
 * The certificate and key for HTTPS, read when the server starts (CLI commands never need them).
 * A missing or unreadable file, or a pair that does not belong together, stops start-up naming the variable.
 */
export function loadTls(config: Pick<Config, 'tlsCertFile' | 'tlsKeyFile'>): TlsFiles | undefined {
  if (!config.tlsCertFile || !config.tlsKeyFile) return undefined;
  const read = (variable: string, file: string) => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在 / file not found' : `无法读取 / cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
      throw new ConfigError(`配置有误 / Invalid configuration:\n  ${variable}: ${file}: ${why}`);
    }
  };
  const cert = read('KEDANG_TLS_CERT', config.tlsCertFile);
  const key = read('KEDANG_TLS_KEY', config.tlsKeyFile);
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    throw new ConfigError(`配置有误 / Invalid configuration:\n  KEDANG_TLS_CERT / KEDANG_TLS_KEY: 证书或私钥无效或不匹配 / not a valid PEM certificate and matching private key (${(err as Error).message})`);
  }
  return { cert, key };
}
