import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

interface Named {
  name: string;
  description?: string;
}
interface Declaration {
  tagName?: string;
  attributes?: (Named & { fieldName?: string })[];
  members?: (Named & { kind: string; privacy?: string; static?: boolean })[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
  summary?: string;
}

const manifest = JSON.parse(
  readFileSync(new URL('../../packages/elements/custom-elements.json', import.meta.url), 'utf8'),
);
const elements: Declaration[] = manifest.modules
  .flatMap((m: { declarations?: Declaration[] }) => m.declarations ?? [])
  .filter((d: Declaration) => d.tagName);
const byTag = Object.fromEntries(elements.map((d) => [d.tagName, d]));
const names = (list?: Named[]) => (list ?? []).map((x) => x.name).sort();

test('npm run analyze lists every element', () => {
  assert.deepEqual(Object.keys(byTag).sort(), [
    'shelf-active-filters',
    'shelf-filter-bar',
    'shelf-library',
    'shelf-pagination',
    'shelf-report-card',
    'shelf-report-list',
    'shelf-result-summary',
    'shelf-search-box',
    'shelf-sort-select',
  ]);
  const pkg = JSON.parse(readFileSync(new URL('../../packages/elements/package.json', import.meta.url), 'utf8'));
  assert.equal(pkg.customElements, 'custom-elements.json');
});

test('each element has a summary, documented parts and custom properties', () => {
  for (const d of elements) {
    assert.ok(d.summary, `${d.tagName} summary`);
    assert.ok((d.cssParts ?? []).length > 0, `${d.tagName} parts`);
    assert.ok(names(d.cssProperties).includes('--shelf-color-accent'), `${d.tagName} custom properties`);
    for (const item of [
      ...(d.cssParts ?? []),
      ...(d.cssProperties ?? []),
      ...(d.attributes ?? []),
      ...(d.events ?? []),
    ]) {
      assert.ok(item.description, `${d.tagName} ${item.name} has no description`);
    }
    for (const m of d.members ?? [])
      if (m.kind === 'field' && (m.privacy ?? 'public') === 'public' && !m.static)
        assert.ok(m.description, `${d.tagName}.${m.name} has no description`);
  }
});

test('the library lists the attributes, properties and events the design names', () => {
  const lib = byTag['shelf-library']!;
  for (const attr of ['src', 'page-size', 'facets', 'sort', 'sync-url', 'url-prefix', 'lang', 'theme'])
    assert.ok(names(lib.attributes).includes(attr), attr);
  for (const prop of ['catalogue', 'store', 'pageSize', 'syncUrl']) assert.ok(names(lib.members).includes(prop), prop);
  assert.deepEqual(names(lib.events), [
    'shelf-catalogue-error',
    'shelf-catalogue-load',
    'shelf-cite',
    'shelf-export',
    'shelf-query-change',
    'shelf-results-change',
  ]);
  assert.deepEqual(names(byTag['shelf-report-card']!.events), ['shelf-cite', 'shelf-report-open']);
  assert.ok(names(byTag['shelf-report-card']!.attributes).includes('heading-level'));
  assert.ok(names(byTag['shelf-filter-bar']!.attributes).includes('facets'));
});

test('internal state is not listed as an attribute', () => {
  for (const d of elements)
    for (const a of d.attributes ?? [])
      assert.ok(
        !['shelf', 'expanded', 'draft', 'composed', 'filtersOpen', 'announced', 'within', 'overflowing'].includes(
          a.name,
        ),
        `${d.tagName} ${a.name}`,
      );
});

test('private and protected members stay out of the manifest', () => {
  for (const d of elements)
    for (const m of d.members ?? [])
      assert.ok(!m.privacy || m.privacy === 'public', `${d.tagName}.${m.name} is ${m.privacy}`);
});
