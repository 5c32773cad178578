import type { ColumnMapping, ImportKind } from './import-fields.ts';

/**
 * A built-in way to read a known file layout: the headers it expects, how each source row becomes the
 * cells of a derived table, and the mapping of that table. The error report names the derived columns,
 * which say what they came from ("Quantity × UnitPrice").
 */
export type ImportPreset = {
  kind: ImportKind;
  createCustomers: boolean;
  expects: readonly string[];
  headers: readonly string[];
  mapping: ColumnMapping;
  derive(get: (header: string) => string): string[];
};

/** Pence (or fen) of a decimal price, or undefined. */
const minor = (raw: string) => {
  const m = /^(-?)(\d+)(?:\.(\d{1,3}))?$/.exec(raw.trim());
  if (!m) return undefined;
  // three decimals occur in the UCI prices (0.001): keep them in a thousandth, round once per line
  const milli = Number(m[2]) * 1000 + Number((m[3] ?? '').padEnd(3, '0'));
  return m[1] ? -milli : milli;
};

/**
 * UCI Online Retail (InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID,
 * Country): one purchase per invoice (its lines add up), amounts in GBP pence, CustomerID is the customer
 * code ("12923.0" → "12923"; missing customers are created), Country goes to the customer's province
 * field; "C…" invoices and negative quantities are refunds. A row without CustomerID is a row error.
 */
export const uciOnlineRetail: ImportPreset = {
  kind: 'purchases',
  createCustomers: true,
  expects: ['InvoiceNo', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'],
  headers: ['CustomerID', 'Customer name', 'Country', 'InvoiceNo', 'InvoiceDate', 'Quantity × UnitPrice', '|Quantity|', 'InvoiceNo C… / Quantity < 0 → refund', 'Currency'],
  mapping: {
    customerCode: 'CustomerID',
    customerName: 'Customer name',
    customerProvince: 'Country',
    orderNo: 'InvoiceNo',
    orderedOn: 'InvoiceDate',
    amountFen: 'Quantity × UnitPrice',
    quantity: '|Quantity|',
    status: 'InvoiceNo C… / Quantity < 0 → refund',
    currency: 'Currency',
  },
  derive(get) {
    const id = get('CustomerID').trim().replace(/\.0+$/, '');
    const invoice = get('InvoiceNo').trim();
    const qty = get('Quantity').trim();
    const price = minor(get('UnitPrice'));
    const q = /^-?\d+$/.test(qty) ? Number(qty) : undefined;
    // not a number: the raw text goes on, and the amount column reports it
    const amount = q === undefined || price === undefined ? `${qty} × ${get('UnitPrice')}` : (Math.round(Math.abs(q * price) / 10) / 100).toFixed(2);
    const refund = invoice.toUpperCase().startsWith('C') || (q !== undefined && q < 0);
    return [id, id ? `Online Retail ${id}` : '', get('Country').trim(), invoice, get('InvoiceDate'), amount, q === undefined ? qty : String(Math.abs(q)), refund ? 'refunded' : 'completed', 'GBP'];
  },
};

export const importPresets: Record<string, ImportPreset> = { 'uci-online-retail': uciOnlineRetail };
