/** RFC 5987 value: percent-encoded UTF-8, with the characters encodeURIComponent leaves but the RFC does not allow. */
const extValue = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * An attachment header that keeps a Chinese file name (filename*, RFC 6266 / 5987) with a plain ASCII
 * `filename` for clients that do not read it.
 */
export function contentDisposition(filename: string): string {
  let ascii = filename.replace(/[^\x20-\x7e]+/g, '').replace(/["\\]/g, '');
  if (!/^[A-Za-z0-9]/.test(ascii)) ascii = `export${ascii}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${extValue(filename)}`;
}
