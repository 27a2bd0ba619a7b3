import type { FacetResult, FacetValue, Results } from '@reportshelf/core';
import type { html as litHtml } from 'lit';
import type { ShelfFilterBar } from './filter-bar.js';

/**
 * The country facet under the catalogue's regions (its `places`, which the CLI writes from UN
 * M49): loaded by the filter bar only for a catalogue that has them (the lite drop-in file from
 * beside itself, `reportshelf.regions.js`), so a catalogue without regions costs nothing. It has
 * no Lit of its own: the bar gives it its `html`, and its rows are the bar's. (It reads the bar's
 * protected store and strings as the bar's own code would, by name: it is the bar's code, moved.)
 * A region's count is the engine's (`Results.places`: the index in the page, a split catalogue's
 * reader and a search server count the regions as they count the facets); the lite file's engine
 * of a single file counts none (the counting is kept out of the lite file), so this module counts
 * them there, from the engine's every hit.
 */

/** A bar's regions shown open, and its regions' counts for the results `counted`. */
interface State {
  opened: Set<string>;
  counts: Map<string, number>;
  counted?: Results;
}
const states = new WeakMap<ShelfFilterBar, State>();

/** The region rows' layout: a sheet of their own, adopted by each bar that shows them (CSSOM, which a strict CSP allows). */
let sheet: CSSStyleSheet | undefined;
const CSS =
  '.region{display:flex;flex-wrap:wrap;gap:0 .5em}.region label{flex:1}.region div{flex-basis:100%;padding-inline-start:1.6em}';

/**
 * Counts each region's reports for the results `r`, as the country facet is counted (as if it were
 * not set: disjunctive), a report in two of its countries once: the engine's hits for the query
 * without the country filter, in one request for every region. For the lite file's engine of a
 * single-file catalogue only, whose results have no region counts (`Results.places`: the counting
 * is left out of the lite file); every other engine counts them as it counts the facets.
 */
function count(bar: ShelfFilterBar, state: State, places: Record<string, string[]>, r: Results): void {
  if (state.counted == r) return;
  state.counted = r;
  const store = bar['shelfStore']!;
  const engine = store.getEngine();
  if (!store.getLibrary()?.reports.length || !engine) return;
  const regionOf = new Map(Object.entries(places).flatMap(([region, names]) => names.map((n) => [n, region])));
  // A task of its own, after the bar's render (the engine counts in the page for a single file).
  bar.later(
    new Promise((go) => setTimeout(go))
      // Not for results already replaced (typing).
      .then(() =>
        state.counted == r
          ? engine.all({ ...r.query, sort: 'title', filters: { ...r.query.filters, country: [] } })
          : [],
      )
      .then((reports) => {
        if (state.counted != r) return;
        state.counts = new Map();
        for (const report of reports)
          for (const region of new Set(report.countries.map((c) => regionOf.get(c))))
            if (region) state.counts.set(region, (state.counts.get(region) ?? 0) + 1);
      }),
  );
}

/**
 * The regions, each a checkbox (mixed when some of its countries are ticked) that ticks or
 * unticks them all, and a disclosure button that shows them. Native checkboxes and buttons in
 * nested named groups rather than an ARIA tree: each is a tab stop that screen readers announce
 * fully (a tree's checkable items are not). Regions with the most reports first; a region with
 * none of the facet's values is left out. With them, the values in no region, listed after them.
 */
export function regionTree(
  bar: ShelfFilterBar,
  html: typeof litHtml,
  facet: FacetResult,
  places: Record<string, string[]>,
): [rows: unknown[], unplaced: FacetValue[]] {
  const r = bar['shelf']!.results!;
  const root = bar.renderRoot as ShadowRoot;
  if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(CSS);
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const state = states.get(bar) ?? { opened: new Set<string>(), counts: new Map<string, number>() };
  states.set(bar, state);
  if (!r.places) count(bar, state, places, r);
  // The engine's counts; else this module's, where the reports are in the page.
  const inPage = !r.places && !!bar['shelfStore']!.getLibrary()?.reports.length;
  const values = new Map(facet.values.map((v) => [v.value, v]));
  const placed = new Set(Object.values(places).flat());
  const rows = Object.entries(places)
    .map(([region, names]) => {
      const shown = names.flatMap((n) => values.get(n) ?? []);
      const some = shown.filter((v) => v.count);
      // (From an engine that counts none, nor its reports in the page, as an older search server:
      // a region's one country's count, and none for several, where a report in two would count twice.)
      const n = r.places
        ? (r.places[region] ?? 0)
        : inPage
          ? state.counts.get(region)
          : some[1]
            ? undefined
            : (some[0]?.count ?? 0);
      return [region, names, shown, n] as const;
    })
    .filter((g) => g[2].length)
    .sort((a, b) => (b[3] ?? 0) - (a[3] ?? 0))
    .map(([region, names, shown, n], i) => {
      const ticked = names.filter((name) => values.get(name)?.selected).length;
      const open = state.opened.has(region);
      const id = `${bar.uid}-place-${i}`;
      const flip = () => {
        if (open) state.opened.delete(region);
        else state.opened.add(region);
        bar.requestUpdate();
      };
      return html`<li class="region">
        <button class="link" aria-label=${region} aria-expanded=${open} aria-controls=${id} @click=${flip}>${open ? '−' : '+'}</button>
        <label class="option" part="option">
          <input type="checkbox" .checked=${ticked == names.length} .indeterminate=${ticked > 0 && ticked < names.length} @change=${(e: Event) => bar.toggle('country', names, (e.target as HTMLInputElement).checked)} />
          <span class="value">${region}</span>
          ${n == undefined ? '' : html`<span class="count" part="count">${bar['l10n'].number(n)}</span>`}
        </label>
        <div id=${id} role="group" aria-label=${region} ?hidden=${!open}>
          <ul>${shown.map((v) => bar.option('country', v))}</ul>
        </div>
      </li>`;
    });
  return [rows, facet.values.filter((v) => !placed.has(v.value))];
}
