import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';

/**
 * Where uploaded import files and their error reports live: `<dataDir>/imports`, owner-only. Upload
 * ids are random UUIDs checked by shape, so a client-given id can never name another path.
 */
export type ImportFiles = {
  newUpload(): { uploadId: string; path: string };
  /** the stored upload; NOT_FOUND when gone, INVALID_INPUT when the id is not an upload id */
  uploadPath(uploadId: unknown): string;
  uploadName(uploadPath: string): string;
  reportPath(name: string, ext: 'csv' | 'xlsx'): string;
};

const uploadIdSchema = z.string().regex(/^[0-9a-f-]{36}$/);

export function importFilesIn(dataDir: string): ImportFiles {
  const dir = path.join(dataDir, 'imports');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return {
    newUpload() {
      const uploadId = crypto.randomUUID();
      return { uploadId, path: path.join(dir, `upload-${uploadId}`) };
    },
    uploadPath(id) {
      const r = uploadIdSchema.safeParse(id);
      if (!r.success) throw new DomainError('INVALID_INPUT', 'invalid_input', [{ path: ['uploadId'], code: 'unknown_reference' }]);
      const p = path.join(dir, `upload-${r.data}`);
      if (!fs.existsSync(p)) throw new DomainError('NOT_FOUND', 'not_found', [], { what: 'upload', id: r.data });
      return p;
    },
    uploadName: (p) => fs.readFileSync(`${p}.name`, 'utf8'),
    reportPath: (name, ext) => path.join(dir, `${name}.report.${ext}`),
  };
}
