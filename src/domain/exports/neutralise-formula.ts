/**
 * Cells a spreadsheet would run as a formula (OWASP "CSV injection"): = + - @, and tab or carriage return,
 * which some programs strip before looking; the full-width forms too, since Excel folds them to ASCII.
 */
const formulaStart = /^[=+\-@\t\r＝＋－＠]/;

export const looksLikeFormula = (text: string) => formulaStart.test(text);

/** User text as a spreadsheet will show it, never run: a leading ' makes Excel, WPS and LibreOffice keep it as text. */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}
