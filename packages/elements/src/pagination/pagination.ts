import { css, html, nothing, type PropertyDeclarations } from 'lit';
import type { Results } from '@reportshelf/core';
import { ShelfElement } from '../shared/base.js';
import { tokens } from '../shared/tokens.styles.js';

/** Page numbers to show: always the first and last, a window around the current page, and gaps. */
export function pageItems(current: number, count: number, window = 1): (number | 'gap')[] {
  const pages = new Set([1, count]);
  for (let p = current - window; p <= current + window; p++) if (p >= 1 && p <= count) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const items: (number | 'gap')[] = [];
  sorted.forEach((p, i) => {
    const prev = sorted[i - 1];
    if (prev !== undefined && p - prev === 2) items.push(prev + 1);
    else if (prev !== undefined && p - prev > 2) items.push('gap');
    items.push(p);
  });
  return items;
}

/**
 * Previous, next and page numbers with gaps; the current page carries `aria-current="page"`.
 * Hidden when there is one page. With the library's `paging="more"`, a "Show N more reports"
 * button in their place adds the next page below the others (focus goes to its first card). And
 * the number of reports a page shows, for visitors to choose (kept in the address as `size`).
 *
 * @tagname shelf-pagination
 * @summary Page navigation for the results, and the page size.
 *
 * @csspart nav - The navigation landmark.
 * @csspart page - Each page button.
 * @csspart current - The current page's button.
 * @csspart previous - The previous-page button.
 * @csspart next - The next-page button.
 * @csspart show-more - With `paging="more"`, the "Show N more reports" button.
 * @csspart page-size-label - The label of the page size.
 * @csspart page-size - The page size's select.
 */
export class ShelfPagination extends ShelfElement {
  static override styles = [
    tokens,
    css`
      :host > div {
        justify-content: space-between;
      }
      [part~='page'] {
        min-inline-size: 2.5em;
        justify-content: center;
      }
      [aria-current] {
        background: var(--_accent);
        color: var(--_accent-text);
        font-weight: 700;
      }
      [dir='rtl'] .arrow {
        display: inline-block;
        transform: scaleX(-1);
      }
      @media (forced-colors: active) {
        [aria-current] {
          forced-color-adjust: none;
          background: Highlight;
          color: HighlightText;
        }
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    window: { type: Number },
    sizes: {},
  };

  /** Pages shown on each side of the current one. */
  window = 1;

  /** The page sizes a visitor may choose, space-separated (the library's own is added); empty for no choice. */
  sizes = '10 25 50';

  private go(page: number): void {
    this.setQuery({ page }, true);
  }

  protected override render() {
    const r = this.shelf?.results;
    if (!r) return nothing;
    const t = this.l10n.messages;
    const size = this.shelf!.query.pageSize;
    // The library's own page size is offered too.
    const sizes = [...new Set([...this.sizes.split(' '), this.libraryElement?.pageSize, size].map(Number))]
      .filter((s) => s > 0)
      .sort((a, b) => a - b);
    // With "Show more": how many the next page adds (focus then goes to its first card).
    const more = Math.min(r.pageSize, r.total - r.page * r.pageSize);
    return html`<div class="row" lang=${this.l10n.lang} dir=${this.direction}>${
      this.libraryElement?.paging == 'more'
        ? more > 0
          ? html`<button class="button" part="show-more" @click=${() => this.go(r.page + 1)}>${t.moreReports(this.l10n.number(more), this.l10n.plural(t.reports, more))}</button>`
          : nothing
        : this.pages(r)
    }${
      // A choice while it changes what shows: more results than the smallest page holds.
      this.sizes && r.total > sizes[0]!
        ? html`<span><label part="page-size-label" for="size">${t.perPage}</label> <select class="field" part="page-size" id="size" @change=${(e: Event) => this.setQuery({ pageSize: +(e.target as HTMLSelectElement).value })}>${sizes.map((s) => html`<option .selected=${s == size}>${s}</option>`)}</select></span>`
        : nothing
    }</div>`;
  }

  private pages(r: Results) {
    if (r.pending || r.pageCount <= 1) return nothing;
    const t = this.l10n.messages;
    const n = (x: number) => this.l10n.number(x);
    return html`<nav part="nav" aria-label=${this.landmark(t.pagination)}>
      <ul class="row">
        <li>
          <button class="button" part="previous" ?disabled=${r.page <= 1} @click=${() => this.go(r.page - 1)}>
            <span class="arrow" aria-hidden="true">‹</span> ${t.previous}
          </button>
        </li>
        ${pageItems(r.page, r.pageCount, this.window).map((item) =>
          item === 'gap'
            ? html`<li class="gap" aria-hidden="true">…</li>`
            : html`<li>
                <button
                  class="button"
                  part=${item === r.page ? 'page current' : 'page'}
                  aria-label=${t.page(n(item))}
                  aria-current=${item === r.page ? 'page' : nothing}
                  @click=${() => item !== r.page && this.go(item)}
                >
                  ${n(item)}
                </button>
              </li>`,
        )}
        <li>
          <button class="button" part="next" ?disabled=${r.page >= r.pageCount} @click=${() => this.go(r.page + 1)}>
            ${t.next} <span class="arrow" aria-hidden="true">›</span>
          </button>
        </li>
      </ul>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shelf-pagination': ShelfPagination;
  }
}
