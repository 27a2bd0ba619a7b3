import { expect } from '@open-wc/testing';
import { normaliseText, parseCatalogue, parseCatalogueAsync, type Problem } from '@reportshelf/core';

const good = { id: 'ok', title: 'A valid report', year: 2015 };
const withBad = (bad: Record<string, unknown>) =>
  parseCatalogue({ reports: [good, { id: 'x', title: 'Has a bad field', ...bad }] });
const messages = (problems: Problem[]) => problems.map((p) => p.message).join('\n');

describe('parseCatalogue', () => {
  it('reads a valid catalogue without problems', () => {
    const { catalogue, problems, fatal } = parseCatalogue({ version: 1, title: ' Shelf ', reports: [good] });
    expect(fatal).to.equal(false);
    expect(problems).to.deep.equal([]);
    expect(catalogue.title).to.equal('Shelf');
    expect(catalogue.reports).to.deep.equal([
      {
        id: 'ok',
        title: 'A valid report',
        year: 2015,
        countries: [],
        regions: [],
        categories: [],
        authors: [],
        organizations: [],
      },
    ]);
  });

  for (const input of [null, 42, 'text', true, [], [good]]) {
    it(`reports non-object input ${JSON.stringify(input)} as fatal without throwing`, () => {
      const result = parseCatalogue(input);
      expect(result.fatal).to.equal(true);
      expect(result.catalogue.reports).to.deep.equal([]);
      expect(result.problems).to.have.length(1);
      expect(result.problems[0]!.message).to.match(/must be a JSON object with a "reports" list/);
    });
  }

  it('reports a missing or wrong reports array as fatal', () => {
    expect(parseCatalogue({}).problems[0]!.message).to.equal(
      'The catalogue must have a "reports" list, but it has none.',
    );
    const wrong = parseCatalogue({ reports: { a: 1 } });
    expect(wrong.fatal).to.equal(true);
    expect(wrong.problems[0]!.message).to.equal('The catalogue must have a "reports" list, but it is an object.');
  });

  const wrongTypes: [string, unknown, RegExp][] = [
    ['summary', 12, /"summary" must be text, but is number 12/],
    ['year', 'soon', /"year" must be a whole number from 1800 to 2100, but is the text "soon"/],
    ['year', 2015.5, /"year" must be a whole number/],
    ['year', 1200, /"year" must be a whole number/],
    ['year', 99999, /"year" must be a whole number/],
    ['countries', 7, /"countries" must be a list of text, but is number 7/],
    ['regions', { a: 1 }, /"regions" must be a list of text, but is an object/],
    ['categories', true, /"categories" must be a list of text/],
    ['authors', 3, /"authors" must be a list of text/],
    ['organizations', false, /"organizations" must be a list of text/],
    ['url', ['https://a'], /"url" must be text, but is a list/],
    ['language', 'English!', /"language" must be a language code/],
  ];
  for (const [field, value, message] of wrongTypes) {
    it(`drops a wrong ${field} (${JSON.stringify(value)}) and keeps the record`, () => {
      const { catalogue, problems, fatal } = withBad({ [field]: value });
      expect(fatal).to.equal(false);
      expect(catalogue.reports.map((r) => r.id)).to.deep.equal(['ok', 'x']);
      const report = catalogue.reports[1] as unknown as Record<string, unknown>;
      expect(
        report[field] === undefined || (Array.isArray(report[field]) && (report[field] as unknown[]).length === 0),
      ).to.equal(true);
      expect(problems).to.have.length(1);
      expect(problems[0]).to.include({ severity: 'warning', index: 1, id: 'x', field });
      expect(problems[0]!.message).to.match(message);
      expect(problems[0]!.message).to.match(/^Report 2 \("x"\): /);
    });
  }

  it('skips records without id or title, naming their position', () => {
    const { catalogue, problems } = parseCatalogue({
      reports: [
        { title: 'No id' },
        good,
        { id: 'no-title' },
        { id: '  ', title: 'Blank id' },
        'text',
        null,
        { year: 2000 },
      ],
    });
    expect(catalogue.reports.map((r) => r.id)).to.deep.equal(['ok']);
    expect(messages(problems)).to.equal(
      [
        'Report 1: has no "id"; the report was skipped.',
        'Report 3 ("no-title"): has no "title"; the report was skipped.',
        'Report 4: has no "id" (it is the text "  "); the report was skipped.',
        'Report 5 is the text "text", not an object; it was skipped.',
        'Report 6 is null, not an object; it was skipped.',
        'Report 7: has no "title" (nor an "id"); the report was skipped.',
      ].join('\n'),
    );
    expect(problems.every((p) => p.severity === 'error')).to.equal(true);
    expect(problems.map((p) => p.index)).to.deep.equal([0, 2, 3, 4, 5, 6]);
  });

  it('reports duplicate ids and keeps the first', () => {
    const { catalogue, problems } = parseCatalogue({
      reports: [good, { id: 'ok', title: 'Second' }, { id: 'other', title: 'Other' }],
    });
    expect(catalogue.reports.map((r) => r.title)).to.deep.equal(['A valid report', 'Other']);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ index: 1, id: 'ok', field: 'id' });
    expect(problems[0]!.message).to.equal('Report 2 ("ok"): the id is already used by report 1; this one was skipped.');
  });

  for (const url of [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
    'file:///etc/passwd',
    '/\\evil.example',
    '\\\\evil.example',
    '//evil.example/a.pdf',
    '/\t/evil.example',
    'https://user@example.org/',
    'https://example.org@evil.example/',
    'https:evil.example',
    'https:\\\\evil.example',
  ]) {
    it(`drops the unsafe url ${JSON.stringify(url)}`, () => {
      const { catalogue, problems } = withBad({ url });
      expect(catalogue.reports[1]!.url).to.equal(undefined);
      expect(catalogue.reports[1]!.title).to.equal('Has a bad field');
      expect(problems[0]!.field).to.equal('url');
      expect(problems[0]!.message).to.match(/must be an http\(s\) or relative address/);
    });
  }

  for (const url of [
    'https://example.org/a.pdf',
    'http://example.org',
    'HTTPS://EXAMPLE.ORG/A.PDF',
    'reports/a.pdf',
    '/a.pdf',
    '?id=3',
    '#part-2',
    '../reports/a b.pdf',
  ]) {
    it(`keeps the safe url ${url}`, () => {
      const { catalogue, problems } = withBad({ url });
      expect(problems).to.deep.equal([]);
      expect(catalogue.reports[1]!.url).to.equal(url);
    });
  }

  it('cuts a 10,000-character title and says so', () => {
    const { catalogue, problems } = withBad({ title: 'T'.repeat(10_000) });
    expect(catalogue.reports[1]!.title).to.have.length(500);
    expect(catalogue.reports[1]!.title.endsWith('…')).to.equal(true);
    expect(problems[0]!.message).to.equal('Report 2 ("x"): "title" is 10000 characters long; it was cut to 500.');
    expect(catalogue.reports[0]).to.include({ id: 'ok' });
  });

  it('drops non-strings inside arrays, and empty and duplicate entries', () => {
    const { catalogue, problems } = withBad({ authors: ['Ana', 3, null, '  ', 'Ana', ' Ben  Ode ', { name: 'x' }] });
    expect(catalogue.reports[1]!.authors).to.deep.equal(['Ana', 'Ben Ode']);
    expect(problems.map((p) => p.field)).to.deep.equal(['authors[1]', 'authors[2]', 'authors[6]']);
    expect(problems[0]!.message).to.equal(
      'Report 2 ("x"): entry 2 of "authors" must be text, but is number 3; that entry was left out.',
    );
  });

  it('trims and normalises white space and control characters', () => {
    const { catalogue } = withBad({ title: '  Two\n\n  lines\tand\u0007 a bell ', summary: ' a\r\nb ' });
    expect(catalogue.reports[1]!.title).to.equal('Two lines and a bell');
    expect(catalogue.reports[1]!.summary).to.equal('a b');
  });

  it('accepts a single string for a list, a numeric id and a year written as text', () => {
    const { catalogue, problems } = parseCatalogue({
      reports: [{ id: 12, title: 'T', countries: 'Chad', year: ' 2001 ' }],
    });
    expect(problems).to.deep.equal([]);
    expect(catalogue.reports[0]).to.include({ id: '12', year: 2001 });
    expect(catalogue.reports[0]!.countries).to.deep.equal(['Chad']);
  });

  it('warns about unknown fields such as typos', () => {
    const { problems } = withBad({ autors: ['A'] });
    expect(problems[0]!.message).to.equal('Report 2 ("x"): has an unknown field "autors"; it was ignored.');
  });

  it('keeps hostile text as plain data', () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const { catalogue, problems } = withBad({ summary: hostile, authors: [hostile] });
    expect(problems).to.deep.equal([]);
    expect(catalogue.reports[1]!.summary).to.equal(hostile);
  });
});

describe('parseCatalogueAsync', () => {
  it('reads in time slices exactly what parseCatalogue reads, problems included', async () => {
    const reports = Array.from({ length: 300 }, (_, i) =>
      i % 50 === 7
        ? { title: 'No id' }
        : {
            id: `r${i % 290}`,
            title: ` Report\t${i} `,
            year: i % 3 ? 2000 + (i % 20) : 'soon',
            authors: ['A', 'a', 7],
          },
    );
    for (const input of [{ reports }, { reports: 'none' }, null, { title: 'Empty', reports: [] }]) {
      expect(await parseCatalogueAsync(input, 0.1)).to.deep.equal(parseCatalogue(input));
    }
  });

  it('keeps text that needs no tidying as it is, and tidies the rest', () => {
    expect(normaliseText('Plain words, one space apart.')).to.equal('Plain words, one space apart.');
    expect(normaliseText(' a\u00a0 b\n\tc\u0007 ')).to.equal('a b c');
  });
});

describe('parseCatalogue on objects that throw', () => {
  it('gives a fatal problem for a catalogue whose getter throws, and skips only a report whose getter throws', () => {
    const broken = parseCatalogue({
      get reports(): unknown {
        throw new TypeError('no access');
      },
    });
    expect(broken.fatal).to.equal(true);
    expect(broken.problems[0]!.message).to.equal('The catalogue could not be read: no access.');
    const oneBad = parseCatalogue({
      reports: [
        { id: 'a', title: 'A' },
        {
          id: 'b',
          get title(): string {
            throw new Error('gone');
          },
        },
        { id: 'c', title: 'C' },
      ],
    });
    expect(oneBad.catalogue.reports.map((r) => r.id)).to.deep.equal(['a', 'c']);
    expect(oneBad.problems.map((p) => p.message)).to.deep.equal(['Report 2 could not be read (gone); it was skipped.']);
  });
});
