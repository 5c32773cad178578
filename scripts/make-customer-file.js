#!/usr/bin/env node
// A synthetic customer file for import measurements: node scripts/make-customer-file.js /tmp/c1m.csv 1000000 (or .xlsx)
import { register } from 'tsx/esm/api';

register();
const { writeCustomerCsv, writeCustomerXlsx } = await import('../src/bench/customer-file.ts');
const [path, count = '100000'] = process.argv.slice(2);
if (!path) throw new Error('usage: make-customer-file.js FILE.csv|FILE.xlsx [ROWS]');
const bytes = await (path.endsWith('.xlsx') ? writeCustomerXlsx : writeCustomerCsv)(path, Number(count));
console.log(`${path}: ${Number(count).toLocaleString('en-US')} rows, ${(bytes / 1e6).toFixed(1)} MB`);
