import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** The source without its comments (line numbers kept): what a comment says is not code. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** `file:line` of every line of code matching `pattern` in the sources under `dirs`, except files `allowed` keeps. */
function offenders(dirs: string[], pattern: RegExp, allowed: (file: string) => boolean): string[] {
  return dirs
    .flatMap(sources)
    .filter((file) => !allowed(file))
    .flatMap((file) =>
      code(readFileSync(join(ROOT, file), 'utf8'))
        .split('\n')
        .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}`] : [])),
    );
}

describe('architecture', () => {
  it('only server/store/ talks SQL: no query builder calls anywhere else in server/ or renderer/', () => {
    const sql = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(/;
    expect(sources('server').length).toBeGreaterThan(50);
    expect(offenders(['server'], sql, () => false).length).toBeGreaterThan(0);
    expect(offenders(['server', 'renderer'], sql, (file) => file.startsWith('server/store/'))).toEqual([]);
  });

  it('only server/store/ runs raw SQL or opens a transaction: no sql`…` template, .execute( or .transaction() elsewhere', () => {
    // sql`…`, sql<T>`…`, sql.raw(…) / sql.id(…) / …; .execute( and .executeTakeFirst( on a query or on raw sql; db.transaction().
    const raw = /\bsql\s*(<[^>]*>)?\s*`|\bsql\.(raw|id|ref|table|lit|val|join)\(|\.execute(TakeFirst(OrThrow)?)?\(|\.transaction\(\)/;
    expect(offenders(['server'], raw, () => false).length).toBeGreaterThan(0);
    expect(offenders(['server', 'renderer'], raw, (file) => file.startsWith('server/store/'))).toEqual([]);
  });

  it('writes an /api URL only in the route table: no /api/ path in server/ or renderer/ outside server/protocol/routes.ts', () => {
    // A string or template that starts an /api/ path ('/api/…', `${origin}/api/…`); import paths like '../api/client' are not URLs.
    const url = /(['"`]|\})\/api\//;
    expect(offenders(['server', 'renderer'], url, (file) => file === 'server/protocol/routes.ts')).toEqual([]);
    expect(offenders(['server'], url, () => false).length).toBeGreaterThan(20);
  });
});
