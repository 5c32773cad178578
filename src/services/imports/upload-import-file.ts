import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import type { ImportFiles } from './import-files.ts';
import { previewImport } from './preview-import.ts';

/** An uploaded file as the transport hands it over: a stream cut off at the size limit. */
export type IncomingFile = { stream: Readable; fileName: string; truncated: () => boolean; limitBytes: number };

export const fileTooLarge = (limitBytes: number) => {
  const limit = `${Math.round(limitBytes / 1048576)} MB`;
  return new DomainError('PAYLOAD_TOO_LARGE', 'payload_too_large', [{ path: ['file'], code: 'file_too_large', params: { limit } }], { limit });
};

/**
 * Stores an upload for a later import (streamed to disk, never held in memory) and answers its preview:
 * headers, first rows, automatic mapping. A file cut off at the limit or that cannot be read as a table
 * is not kept.
 */
export async function uploadImportFile(deps: Deps, actor: Actor, files: ImportFiles, file: IncomingFile, query: unknown) {
  deps.access.assertCan(actor, 'customer.import');
  const { uploadId, path: target } = files.newUpload();
  const drop = () => {
    fs.rmSync(target, { force: true });
    fs.rmSync(`${target}.name`, { force: true });
  };
  try {
    await pipeline(file.stream, fs.createWriteStream(target, { mode: 0o600 }));
    // the stream stops at the limit; what was cut off is not half a file to import
    if (file.truncated()) throw fileTooLarge(file.limitBytes);
  } catch (err) {
    drop();
    throw err;
  }
  const fileName = file.fileName.slice(0, 300) || 'upload';
  fs.writeFileSync(`${target}.name`, fileName);
  try {
    const preview = await previewImport(deps, actor, target, query);
    return { uploadId, fileName, size: fs.statSync(target).size, ...preview };
  } catch (err) {
    drop();
    throw err;
  }
}
