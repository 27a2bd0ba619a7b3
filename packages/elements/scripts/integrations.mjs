/**
 * Editor and framework integrations made from custom-elements.json (run by `npm run analyze`, after
 * the analyzer):
 * - `vscode.html-custom-data.json`: every element and its attributes, with their descriptions and
 *   values, for VS Code's HTML completion (`"html.customData"` in a project's settings);
 * - `dist/jsx/elements.d.ts`: each element's attributes, properties and events for JSX, their types
 *   taken from the element classes and the event map (`ShelfLibrary['pageSize']`), so they cannot
 *   drift;
 * - `dist/jsx/react.d.ts` and `dist/jsx/preact.d.ts`: those added to React's (19) and Preact's JSX.
 *
 * A small script rather than the custom-elements-manifest ecosystem's generators: it is all the
 * project needs (attributes, properties and values), and its output is typed from the classes.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync as write } from 'node:fs';

/** Written whole or not at all: a test may read these while `npm pack` makes them again. */
function writeFileSync(url, text) {
  write(new URL(`${url.href}.tmp`), text);
  renameSync(new URL(`${url.href}.tmp`), url);
}

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8'));
const elements = manifest.modules
  .flatMap((m) => m.declarations ?? [])
  .filter((d) => d.customElement && d.tagName)
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

/** The values of a union of string literals (`'light' | 'dark' | undefined`), else none. */
function literals(type) {
  const parts = (type ?? '').split('|').map((p) => p.trim());
  const values = parts.filter((p) => /^'[^']*'$/.test(p)).map((p) => p.slice(1, -1));
  return values.length && values.length + parts.filter((p) => p == 'undefined').length == parts.length ? values : [];
}

const text = (d) => [d.summary, d.description].filter(Boolean).join('\n\n');

const vscode = {
  $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
  version: 1.1,
  tags: elements.map((d) => ({
    name: d.tagName,
    description: text(d),
    attributes: (d.attributes ?? []).map((a) => {
      const values = literals(a.type?.text);
      return {
        name: a.name,
        ...(a.description ? { description: a.description } : {}),
        ...(a.type?.text == 'boolean' ? { valueSet: 'v' } : {}),
        ...(values.length ? { values: values.map((name) => ({ name })) } : {}),
      };
    }),
  })),
};
writeFileSync(new URL('vscode.html-custom-data.json', root), JSON.stringify(vscode, null, 2) + '\n');

/** A TypeScript property key: quoted unless it is an identifier. */
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
const doc = (description, indent) =>
  description
    ? `${indent}/** ${description.replace(/\*\//g, '*\\/').replace(/\n/g, `\n${indent} * `).replace(/ +\n/g, '\n')} */\n`
    : '';

const entries = elements.map((d) => {
  const lines = [];
  const seen = new Set();
  const add = (name, type, description) => {
    if (seen.has(name)) return;
    seen.add(name);
    lines.push(`${doc(description, '    ')}    ${key(name)}?: ${type};`);
  };
  for (const a of d.attributes ?? []) {
    // An attribute without a field (`lang`) is the global one.
    if (!a.fieldName) continue;
    const field = `${d.name}['${a.fieldName}']`;
    // A number attribute may be written as text in JSX (`page-size="20"`), as in HTML.
    add(a.name, a.type?.text == 'number' ? `${field} | \`\${number}\`` : field, a.description);
  }
  // Properties, which React 19 and Preact set when the element has them (`catalogue={data}`).
  for (const m of d.members ?? [])
    if (m.kind == 'field' && !m.static && !m.readonly && (m.privacy ?? 'public') == 'public')
      add(m.name, `${d.name}['${m.name}']`, m.description);
  // Events, as React 19 and Preact listen to them on a custom element: `on` and the event's name.
  for (const e of d.events ?? [])
    if (e.name) add(`on${e.name}`, `(event: GlobalEventHandlersEventMap['${e.name}']) => void`, e.description);
  return `${doc(text(d), '  ')}  '${d.tagName}': {\n${lines.join('\n')}\n  };`;
});

const banner = '// Made from custom-elements.json by scripts/integrations.mjs (`npm run analyze`): do not edit.\n';
mkdirSync(new URL('dist/jsx/', root), { recursive: true });
writeFileSync(
  new URL('dist/jsx/elements.d.ts', root),
  `${banner}import type { ${elements.map((d) => d.name).join(', ')} } from '../index.js';

/** The attributes and properties of each Reportshelf element, by tag, for any JSX. */
export interface ShelfElements {
${entries.join('\n')}
}
`,
);

const frameworks = {
  react: {
    imports: "import type { DetailedHTMLProps, HTMLAttributes } from 'react';",
    base: 'DetailedHTMLProps<HTMLAttributes<HTMLElementTagNameMap[K]>, HTMLElementTagNameMap[K]>',
  },
  preact: {
    imports: "import type { HTMLAttributes } from 'preact';",
    base: 'HTMLAttributes<HTMLElementTagNameMap[K]>',
  },
};
for (const [name, { imports, base }] of Object.entries(frameworks))
  writeFileSync(
    new URL(`dist/jsx/${name}.d.ts`, root),
    `${banner}/**
 * Reportshelf's elements in ${name == 'react' ? 'React' : 'Preact'}'s JSX: \`import type {} from '@reportshelf/elements/${name}';\`
 * once in a project (or list it in tsconfig's \`types\`), then \`<shelf-library src="…">\` typechecks.
 */
${imports}
import type { ShelfElements } from './elements.js';
import type {} from '../index.js';

type ShelfIntrinsicElements = { [K in keyof ShelfElements]: ${base} & ShelfElements[K] };

declare module '${name}' {
  namespace JSX {
    interface IntrinsicElements extends ShelfIntrinsicElements {}
  }
}
`,
  );
