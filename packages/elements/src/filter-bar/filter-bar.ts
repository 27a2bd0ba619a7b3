import { html, nothing, svg, type PropertyDeclarations } from 'lit';
import {
  FACET_NAMES,
  foldText,
  yieldToPage,
  type FacetName,
  type FacetResult,
  type FacetValue,
  type Results,
} from '@reportshelf/core';
import { ShelfElement } from '../shared/base.js';
import { loaders } from '../shared/loaders.js';
import { CLEAR_ALL, refinements, yearText } from '../shared/refinements.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './filter-bar.styles.js';
import type * as Regions from './regions.js';

export type FilterName = FacetName | 'year';
export const DEFAULT_FACETS: readonly FilterName[] = ['region', 'country', 'category', 'year'];

/** Reads a `facets` attribute, keeping known names in the given order and warning about the rest. */
export function parseFacetList(value: string | null | undefined, owner: string): FilterName[] {
  if (!value?.trim()) return [...DEFAULT_FACETS];
  const known = new Set<string>([...FACET_NAMES, 'year']);
  const names: FilterName[] = [];
  for (const word of value.trim().split(/[\s,]+/)) {
    if (known.has(word)) {
      if (!names.includes(word as FilterName)) names.push(word as FilterName);
    } else console.warn(`<${owner} facets>: "${word}" is not a facet; use any of ${[...known].join(', ')}.`);
  }
  return names;
}

let counter = 0;

/** Folded for the filter within a list: case, accents, and curly apostrophes as straight ones ("COTE D’IVOIRE"). */
const fold = (text: string) => foldText(text.replace(/[’‘ʼ]/g, "'"));

/** Rows of a long list rendered per frame. */
const CHUNK = 100;

/**
 * The region tree (regions.ts), loaded the first time a catalogue with regions shows its countries;
 * null if it could not be (the countries then show as one list; the browser names the file).
 */
let regions: typeof Regions | null | undefined;
let loading: Promise<unknown> | undefined;

/**
 * One group per facet, each a group of checkboxes with counts; long lists show their top values
 * with "Show all N" and a field to filter within the list. The year facet has from/to controls, a
 * bar chart of reports per year whose bars pick a year (with Shift, a range; by keyboard, arrows
 * then Enter), and whether reports without a year are included, with their count. Groups with
 * nothing to choose are left out.
 *
 * @tagname shelf-filter-bar
 * @summary Facet filters with counts, and the year range.
 *
 * @csspart group - Each facet's disclosure (`details`).
 * @csspart group-label - Each facet's name (`summary`).
 * @csspart option - Each value's label row.
 * @csspart count - Each value's count.
 * @csspart show-all - The Show all / Show fewer button.
 * @csspart filter-input - The field that filters a long list.
 * @csspart year-chart - The bar chart of reports per year (a toolbar of one button per year).
 * @csspart clear-all - The Clear all button.
 *
 * @cssprop --shelf-color-accent - Checked boxes and the selected years in the chart.
 */
export class ShelfFilterBar extends ShelfElement {
  static override styles = [tokens, styles];

  static override properties: PropertyDeclarations = {
    facets: {},
    limit: { type: Number },
    collapsed: {},
    expanded: { state: true },
    within: { state: true },
    revealed: { state: true },
    staged: { state: true },
  };

  /** Facets to show, in order, space-separated: any of region, country, category, author, organization, language, year. Defaults to the library's `facets`. */
  facets?: string;

  /** Values shown before "Show all". */
  limit = 8;

  /** Facet groups that start closed, space-separated. */
  collapsed = '';

  /**
   * Groups rendered so far: the first results add them one task each, so that a bar of several
   * groups and the year chart never renders in one long task; `updateComplete` waits for them all.
   */
  private staged = 1;
  private staging: Promise<void> | undefined;

  private expanded = new Set<FilterName>();
  private within: Partial<Record<FilterName, string>> = {};
  private revealed: Partial<Record<FilterName, number>> = {};
  /** @internal */
  readonly uid = `shelf-filters-${++counter}`;

  private facetNames(): FilterName[] {
    if (this.facets !== undefined) return parseFacetList(this.facets, this.localName);
    return (this.libraryElement?.facetList as FilterName[] | undefined) ?? [...DEFAULT_FACETS];
  }

  /**
   * Renders again once `work` is done; `updateComplete` waits for it.
   * @internal
   */
  later(work: Promise<unknown>): void {
    const next: Promise<void> = Promise.all([this.staging, work]).then(() => {
      if (this.staging == next) this.staging = undefined;
      this.requestUpdate();
    });
    this.staging = next;
  }

  /**
   * Ticks or unticks values of a facet: one value, or a region's countries.
   * @internal
   */
  toggle(name: FacetName, values: string[], on: boolean): void {
    const current = this.shelf?.query.filters[name] ?? [];
    this.setQuery({ filters: { [name]: [...current.filter((v) => !values.includes(v)), ...(on ? values : [])] } });
  }

  /** @internal */
  option(name: FacetName, v: FacetValue) {
    return html`<li>
      <label class="option ${v.count === 0 ? 'zero' : ''}" part="option">
        <input type="checkbox" .checked=${v.selected} @change=${(e: Event) => this.toggle(name, [v.value], (e.target as HTMLInputElement).checked)} />
        <span class="value">${this.l10n.value(name, v.value)}</span>
        <span class="count" part="count">${this.l10n.number(v.count)}</span>
      </label>
    </li>`;
  }

  private showAll(name: FilterName, on: boolean): void {
    const next = new Set(this.expanded);
    if (on) next.add(name);
    else next.delete(name);
    this.expanded = next;
    if (!on) this.within = { ...this.within, [name]: '' };
    this.revealed = { ...this.revealed, [name]: CHUNK };
  }

  private growing = false;
  private grow(name: FilterName): void {
    if (this.growing) return;
    this.growing = true;
    requestAnimationFrame(() => {
      this.growing = false;
      this.revealed = { ...this.revealed, [name]: (this.revealed[name] ?? CHUNK) + CHUNK };
    });
  }

  private facetGroup(facet: FacetResult) {
    const t = this.l10n.messages;
    const name = facet.name;
    const label = t.facet[name];
    const expanded = this.expanded.has(name);
    const filter = fold(this.within[name] ?? '').trim();
    // Countries under their regions (regions.ts, loaded for a catalogue that has them): the regions'
    // rows, then the countries in none; a filter within the list searches them all.
    const places = name == 'country' && !(expanded && filter) && this.shelfStore?.getLibrary()?.catalogue.places;
    if (places && regions === undefined)
      this.later(
        (loading ??= loaders.loadRegions().then(
          (module) => (regions = module),
          () => (regions = null),
        )),
      );
    const [tree, all] = places && regions ? regions.regionTree(this, html, facet, places) : [[], facet.values];
    let shown = all;
    if (expanded && filter) shown = facet.values.filter((v) => fold(this.l10n.value(name, v.value)).includes(filter));
    else if (!expanded && all.length > this.limit) {
      // Selected values always stay in view.
      const top = all.slice(0, this.limit);
      shown = [...top, ...all.slice(this.limit).filter((v) => v.selected)];
    }
    // A long list shown whole grows a frame's worth of rows at a time: thousands of rows at once
    // would be one long task of layout.
    const reveal = this.revealed[name] ?? CHUNK;
    const visible = expanded && shown.length > reveal ? shown.slice(0, reveal) : shown;
    if (visible.length < shown.length) this.grow(name);
    const selected = facet.values.filter((v) => v.selected).length;
    const id = `${this.uid}-${name}`;
    return html`<details part="group" ?open=${!this.collapsed.split(/\s+/).includes(name)}>
      <summary part="group-label">${label}${selected ? html`<span>(${this.l10n.number(selected)})</span>` : nothing}</summary>
      <div role="group" aria-label=${label}>
        ${
          expanded
            ? html`<label class="visually-hidden" for="${id}-within">${t.filterWithin(label)}</label>
              <input
                class="field"
                part="filter-input"
                id="${id}-within"
                type="search"
                autocomplete="off"
                placeholder=${t.filterWithin(label)}
                .value=${this.within[name] ?? ''}
                @input=${(e: InputEvent) => {
                  this.within = { ...this.within, [name]: (e.target as HTMLInputElement).value };
                  this.revealed = { ...this.revealed, [name]: CHUNK };
                }}
              />`
            : nothing
        }
        <ul id="${id}-list">
          ${tree}
          ${visible.map((v) => this.option(name, v))}
        </ul>
        ${shown.length + tree.length === 0 ? html`<p class="none" role="status">${t.noMatchingValues}</p>` : nothing}
        ${
          all.length > this.limit
            ? html`<button class="link" part="show-all" aria-expanded=${expanded ? 'true' : 'false'} aria-controls="${id}-list" @click=${() => this.showAll(name, !expanded)}>
              ${expanded ? t.showFewer : t.showAll(this.l10n.number(all.length))}
            </button>`
            : nothing
        }
      </div>
    </details>`;
  }

  /** The year the chart's keyboard focus is on, and the first year of a range being picked. */
  private cursor?: number;
  private anchor?: number;

  /** A bar picked: that year alone (again: any year); with Shift, the range from the last one picked. */
  private pick(year: number, extend: boolean): void {
    const { yearFrom, yearTo } = this.shelf!.query;
    const alone = yearFrom === year && yearTo === year && !extend;
    // The chart's one tab stop follows the bar picked.
    this.cursor = year;
    if (!extend || this.anchor === undefined) this.anchor = year;
    this.setQuery(
      alone
        ? { yearFrom: undefined, yearTo: undefined }
        : { yearFrom: Math.min(this.anchor, year), yearTo: Math.max(this.anchor, year) },
    );
  }

  private chartKey(e: KeyboardEvent, years: number[], at: number): void {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (e.key === 'Enter' || e.key === ' ') this.pick(years[at]!, e.shiftKey);
    else if (step) {
      // Years run the way the text does: right to left in Arabic.
      const next = at + (this.direction === 'rtl' ? -step : step);
      this.cursor = years[Math.max(0, Math.min(years.length - 1, next))];
      this.requestUpdate();
      void this.updateComplete.then(() => this.renderRoot.querySelector<SVGElement>('[tabindex="0"]')?.focus());
    } else return;
    e.preventDefault();
  }

  private yearGroup(r: Results) {
    const bounds = r.yearBounds;
    if (!bounds) return nothing;
    const t = this.l10n.messages;
    const { yearFrom, yearTo, undated } = r.query;
    const bounded = yearFrom !== undefined || yearTo !== undefined;
    const years: number[] = [];
    for (let y = bounds.min; y <= bounds.max; y++) years.push(y);
    const counts = new Map(r.years.map((b) => [b.year, b.count]));
    const max = Math.max(1, ...counts.values());
    const inRange = (y: number) => (yearFrom === undefined || y >= yearFrom) && (yearTo === undefined || y <= yearTo);
    const y = (n: number) => this.l10n.year(n);
    const option = (value: number | undefined, current: number | undefined) =>
      html`<option value=${value ?? ''} ?selected=${value === current} .selected=${value === current}>${value === undefined ? t.anyYear : y(value)}</option>`;
    const set = (which: 'yearFrom' | 'yearTo', value: string) =>
      this.setQuery({ [which]: value === '' ? undefined : Number(value) });
    const cursor = years.indexOf(this.cursor ?? yearFrom ?? bounds.max);
    const id = `${this.uid}-year`;
    return html`<details part="group" ?open=${!this.collapsed.split(/\s+/).includes('year')}>
      <summary part="group-label">${t.facet.year}${bounded ? html`<span>(${yearText(this.l10n, yearFrom, yearTo)})</span>` : nothing}</summary>
      <div role="group" aria-label=${t.facet.year}>
        ${
          // Every result undated: a sentence rather than a blank chart.
          r.years.some((b) => b.count)
            ? html`<svg part="year-chart" viewBox="0 0 ${years.length * 10} 40" preserveAspectRatio="none" role="toolbar" aria-label=${t.yearChart} @keydown=${(e: KeyboardEvent) => this.chartKey(e, years, cursor)}>
                ${years.map((year, i) => {
                  const n = counts.get(year) ?? 0;
                  const h = (n / max) * 40;
                  const name = `${y(year)}: ${this.l10n.number(n)} ${this.l10n.plural(t.reports, n)}`;
                  // Each year is a button named with its year and count (its title shows on hover); Shift extends a range.
                  return svg`<g role="button" tabindex=${i === cursor ? 0 : -1} aria-label=${name} aria-pressed=${bounded && inRange(year)} class=${inRange(year) ? 'in' : ''} @click=${(e: MouseEvent) => this.pick(year, e.shiftKey)}>
                    <title>${name}</title><rect class="hit" x=${i * 10} width="10" height="40"></rect><rect x=${i * 10 + 1} y=${40 - h} width="8" height=${h}></rect>
                  </g>`;
                })}
              </svg>
              <div class="axis" aria-hidden="true"><span>${y(bounds.min)}</span><span>${y(bounds.max)}</span></div>`
            : html`<p class="none">${t.noYears}</p>`
        }
        <div class="years">
          <label for="${id}-from">${t.yearFrom}
            <select class="field" id="${id}-from" @change=${(e: Event) => set('yearFrom', (e.target as HTMLSelectElement).value)}>
              ${option(undefined, yearFrom)} ${years.filter((v) => yearTo === undefined || v <= yearTo).map((v) => option(v, yearFrom))}
            </select>
          </label>
          <label for="${id}-to">${t.yearTo}
            <select class="field" id="${id}-to" @change=${(e: Event) => set('yearTo', (e.target as HTMLSelectElement).value)}>
              ${option(undefined, yearTo)} ${years.filter((v) => yearFrom === undefined || v >= yearFrom).map((v) => option(v, yearTo))}
            </select>
          </label>
        </div>
        ${
          r.undated || undated !== undefined
            ? html`<label class="option" part="option">
              <input type="checkbox" .checked=${undated ?? !bounded} @change=${(e: Event) => this.setQuery({ undated: (e.target as HTMLInputElement).checked })} />
              <span class="value">${t.undated}</span>
              <span class="count" part="count">${this.l10n.number(r.undated)}</span>
            </label>`
            : nothing
        }
      </div>
    </details>`;
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.staging) {
      await this.staging;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  protected override render() {
    const s = this.shelf;
    const r = s?.results;
    if (!s || s.status !== 'ready' || !r) return nothing;
    const t = this.l10n.messages;
    const refined = refinements(r.query, this.l10n).some((x) => x.key !== 'q');
    // The groups with something to show; on the first results they come one task each. Each name
    // keeps its place (nothing where a group has nothing to show), so a group that goes does not
    // re-create the ones after it and lose the focus in them.
    let shown = 0;
    const groups = this.facetNames().map((name) =>
      (name === 'year' ? r.yearBounds : r.facets[name].values.length) && shown++ < this.staged
        ? name === 'year'
          ? this.yearGroup(r)
          : this.facetGroup(r.facets[name])
        : nothing,
    );
    if (this.staged < shown && !this.staging) this.later(yieldToPage().then(() => this.staged++));
    return html`<section class="bar" aria-label=${this.landmark(t.filters)} lang=${this.l10n.lang} dir=${this.direction}>
      <div class="head">
        <h2>${t.filters}</h2>
        ${
          refined
            ? html`<button class="link" part="clear-all" @click=${() => this.setQuery({ ...CLEAR_ALL, q: r.query.q }, true)}>${t.clearAll}</button>`
            : nothing
        }
      </div>
      ${groups}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shelf-filter-bar': ShelfFilterBar;
  }
}
