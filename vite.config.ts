import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

/**
 * The drop-in build: two IIFE files for a plain `<script src>`, written to packages/embed/dist.
 * `vite build --mode full` writes reportshelf.js (with the default catalogue and every language:
 * one file is all a page needs), `--mode lite` writes reportshelf.lite.js, which loads French,
 * Spanish and Arabic from beside itself when first spoken and the cite and export panels when
 * first opened, and `--mode languages` writes those: reportshelf.fr.js, .es.js, .ar.js, .cite.js
 * and .regions.js (the filter's countries under their regions, for a catalogue that has them),
 * small ES modules; `--mode server` writes reportshelf.server.js, the engine of a search
 * server, loaded when `src` names one, and `--mode split` reportshelf.split.js, the page's side of a
 * split catalogue; `--mode search` writes the lite file's search worker,
 * reportshelf.search.js (a build of its own: it shares modules with the cite panels); `--mode catalogue`
 * writes the converter page, catalogue.html and its script reportshelf.catalogue.js, apart from
 * the drop-in files so that they carry none of its bytes. (Storybook has its own Vite settings in
 * .storybook/main.ts; tests run through web-test-runner.config.mjs.)
 */
/** Comments and white space that CSS never needs: around braces, semicolons and commas. */
export function minifyCss(css: string): string {
  return css
    .replace(/\/\*[^]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?|(:) /g, '$1$2')
    .replace(/;}/g, '}');
}

/**
 * The elements' styles are css`` templates written to be read, with comments that say why; in the
 * drop-in file they cost bytes. Each template's text (not its interpolations) is minified. Their
 * html`` templates are indented to be read too: a line break and the indentation after it are one
 * line break, which renders the same (no element sets `white-space: pre`). From an html`` to the
 * next backtick may take in code of an interpolation, where that changes nothing either.
 */
function minifyTemplates(): Plugin {
  return {
    name: 'reportshelf-minify-templates',
    transform(code, id) {
      if (!/packages\/elements\/src\/.*\.ts$/.test(id)) return null;
      const out = code
        .replace(
          /\bcss`([^`]*)`/g,
          (_, body: string) =>
            `css\`${body
              .split(/(\$\{[^}]*\})/)
              .map((part, i) => (i % 2 ? part : minifyCss(part)))
              .join('')}\``,
        )
        .replace(/\bhtml`[^`]*/g, (template) => template.replace(/\n\s+/g, '\n'));
      return { code: out, map: null };
    },
  };
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const outDir = here('./packages/embed/dist');

export default defineConfig(({ mode }) => {
  // The ES modules the lite file loads from beside itself, each reportshelf.NAME.js. The search
  // worker is a build of its own: it shares modules with the cite panels, which one build would
  // split into a chunk of their own.
  // `whitespace`: written without it (Vite leaves an ES library's layout, for bundlers that read
  // its annotations; these files go to browsers as they are).
  const beside = (entry: Record<string, string>, whitespace = true) => ({
    resolve: { conditions: ['source'] },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      lib: { entry, formats: ['es' as const], fileName: (_: string, name: string) => `reportshelf.${name}.js` },
      ...(whitespace ? {} : { rolldownOptions: { output: { minify: { codegen: true } } } }),
    },
  });
  const source = (path: string) => here(`./packages/elements/src/${path}`);
  if (mode === 'catalogue')
    return {
      resolve: { conditions: ['source'] },
      plugins: [
        {
          name: 'reportshelf-catalogue-page',
          generateBundle() {
            this.emitFile({
              type: 'asset',
              fileName: 'catalogue.html',
              source: readFileSync(here('./packages/embed/src/catalogue.html'), 'utf8'),
            });
          },
        } satisfies Plugin,
      ],
      build: {
        outDir,
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        lib: {
          entry: here('./packages/embed/src/catalogue.ts'),
          name: 'ReportshelfCatalogue',
          formats: ['iife' as const],
          fileName: () => 'reportshelf.catalogue.js',
        },
      },
    };
  if (mode === 'search') return beside({ search: source('shared/search-worker.ts') });
  // The spreadsheet reader a lite page loads for a CSV or workbook `src` (a build of its own, like the worker).
  if (mode === 'sheet') return beside({ sheet: here('./packages/embed/src/sheet.ts') });
  // The engine a lite page loads when its src names a search server (a build of its own: it shares
  // core's query modules with the worker and the panels).
  if (mode === 'server') return beside({ server: here('./packages/core/src/server-engine.ts') });
  // The page's side of a split catalogue, which a lite page loads when its src is one (a build of
  // its own too, for the same reason).
  if (mode === 'split') return beside({ split: here('./packages/core/src/split-engine.ts') });
  if (mode === 'languages')
    return {
      ...beside(
        {
          fr: source('shared/messages/fr.ts'),
          es: source('shared/messages/es.ts'),
          ar: source('shared/messages/ar.ts'),
          cite: source('cite/panels.ts'),
          regions: source('filter-bar/regions.ts'),
        },
        false,
      ),
      // The region tree's html`` templates, as the drop-in files' are.
      plugins: [minifyTemplates()],
    };
  const lite = mode === 'lite';
  return {
    // Each file gives the elements its own loaders (see packages/elements/src/shared/loaders.ts).
    resolve: { conditions: ['source'] },
    plugins: [minifyTemplates()],
    build: {
      outDir,
      emptyOutDir: !lite,
      target: 'es2022',
      sourcemap: true,
      // The global `Reportshelf` needs no `Symbol.toStringTag: 'Module'` marker (25 bytes gzipped).
      rollupOptions: { output: { esModule: false, generatedCode: { symbols: false } } },
      lib: {
        entry: here(lite ? './packages/embed/src/reportshelf.lite.ts' : './packages/embed/src/reportshelf.ts'),
        name: 'Reportshelf',
        formats: ['iife'],
        fileName: () => (lite ? 'reportshelf.lite.js' : 'reportshelf.js'),
      },
    },
  };
});
