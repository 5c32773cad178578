import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode, type Issue } from '../domain/errors.ts';
import { pickLocale, renderErrorMessage, renderIssueMessage, type Locale } from '../domain/i18n/messages.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../db/db-errors.ts';

const statusByCode: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_ATTEMPTS: 429,
  DATABASE_NEWER_THAN_CODE: 503,
};

export const localeOf = (req: FastifyRequest): Locale => {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  return pickLocale(typeof q === 'string' ? q : req.headers['accept-language']);
};

export function errorBody(err: DomainError, locale: Locale) {
  return {
    error: {
      code: err.code,
      message: renderErrorMessage(err, locale),
      issues: err.issues.map((i: Issue) => ({ path: i.path, code: i.code, message: renderIssueMessage(i, locale) })),
    },
  };
}

/** Anything a client can cause becomes a DomainError; only our own bugs stay 500. */
export function toDomainError(err: unknown): DomainError | undefined {
  if (err instanceof DomainError) return err;
  const e = err as FastifyError & { code?: string };
  if (e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e?.statusCode === 413) return new DomainError('PAYLOAD_TOO_LARGE', 'payload_too_large', [], { limit: '1 MB' });
  if (e?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e instanceof SyntaxError || e?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new DomainError('INVALID_INPUT', 'invalid_input', [{ path: [], code: 'invalid_json' }]);
  }
  if (e?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new DomainError('INVALID_INPUT', 'invalid_input', [{ path: [], code: 'unsupported_media_type' }]);
  if (e?.code === 'FST_ERR_BAD_URL') return new DomainError('INVALID_INPUT', 'invalid_input', [{ path: [], code: 'bad_url_encoding' }]);
  if (isUniqueViolation(err)) return new DomainError('CONFLICT', 'conflict', [], { detail: 'duplicate value' });
  if (isForeignKeyViolation(err)) return new DomainError('INVALID_INPUT', 'invalid_input', [{ path: [], code: 'unknown_reference' }]);
  // PostgreSQL class 22 (data exception: bad encoding, out of range) is always about the input
  if (typeof e?.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code)) return new DomainError('INVALID_INPUT', 'invalid_input', [{ path: [], code: 'invalid' }]);
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new DomainError('INVALID_INPUT', 'invalid_input', [{ path: [], code: 'invalid', params: { detail: e.message } }]);
  }
  return undefined;
}

export function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const locale = localeOf(req);
  const domain = toDomainError(err);
  if (!domain) {
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL_ERROR', message: renderErrorMessage(new DomainError('CONFLICT', 'internal'), locale), issues: [] } });
  }
  const status = (err as FastifyError)?.statusCode === 415 ? 415 : statusByCode[domain.code];
  if (domain.code === 'TOO_MANY_ATTEMPTS') reply.header('retry-after', String(domain.params.retryAfterSeconds ?? 60));
  return reply.status(status).send(errorBody(domain, locale));
}

/** Malformed HTTP (broken chunking, oversized headers, timeouts) never reaches a route; it gets the same error shape. */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify(errorBody(new DomainError('INVALID_INPUT', 'invalid_input', [{ path: [], code: 'malformed_request' }]), 'zh-CN'));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : status === 408 ? 'Request Timeout' : 'Request Header Fields Too Large'}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
