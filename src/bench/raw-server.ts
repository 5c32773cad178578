// The raw engine over HTTP: node:http and the bare driver answering the same two requests Kedang's API does
// (one customer with its contacts and purchase summary; the first list page with its total), with no
// framework, sign-in, access check, validation or decryption. Started by the benchmark, never in production.
import http from 'node:http';
import { openRaw } from './context.ts';

const raw = openRaw({ databaseUrl: process.env.KEDANG_DATABASE_URL || undefined, sqlitePath: process.env.BENCH_SQLITE_PATH ?? '' });

async function answer(url: URL): Promise<unknown> {
  const one = /^\/customers\/(\d+)$/.exec(url.pathname);
  if (one) {
    const id = Number(one[1]);
    const [customer] = await raw.all('select * from customers where id = ? and deleted_at is null', [id]);
    const contacts = await raw.all('select * from contacts where customer_id = ? order by id', [id]);
    const [summary] = await raw.all("select count(*) as orders, coalesce(sum(amount_fen), 0) as revenue, max(ordered_on) as last from purchases where customer_id = ? and status = 'completed'", [id]);
    return { ...customer, contacts, summary };
  }
  if (url.pathname === '/customers') {
    const items = await raw.all('select id, code, kind, name, stage, owner_id, department_id, mobile, email, province, city, industry, tags, created_at, updated_at, deleted_at, version from customers where deleted_at is null order by created_at desc, id desc limit 20');
    const [total] = await raw.all<{ n: number }>('select count(*) as n from customers where deleted_at is null');
    return { items, total: Number(total?.n ?? 0) };
  }
  return undefined;
}

const server = http.createServer((req, res) => {
  answer(new URL(req.url ?? '/', 'http://raw'))
    .then((body) => {
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? {}));
    })
    .catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`RAW-LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
});
