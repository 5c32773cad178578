/** archiver ships no types (and @types/archiver is not installed): the part export-writers.ts uses. */
declare module 'archiver' {
  import type { Readable, Transform } from 'node:stream';
  import type { ZlibOptions } from 'node:zlib';

  interface Archiver extends Transform {
    append(source: Readable | Buffer | string, data: { name: string }): this;
    finalize(): Promise<void>;
    abort(): this;
  }
  function archiver(format: 'zip', options?: { zlib?: ZlibOptions }): Archiver;
  export = archiver;
}
