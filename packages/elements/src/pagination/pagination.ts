import { css, html, nothing, type PropertyDeclarations } from 'lit';
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
 * Hidden when there is one page.
 *
 * @tagname shelf-pagination
 * @summary Page navigation for the results.
 *
 * @csspart nav - The navigation landmark.
 * @csspart page - Each page button.
 * @csspart current - The current page's button.
 * @csspart previous - The previous-page button.
 * @csspart next - The next-page button.
 */
export class ShelfPagination extends ShelfElement {
  static override styles = [
    tokens,
    css`
      [part~='page'] {
        min-inline-size: 2.5em;
        justify-content: center;
      }
      [aria-current] {
        background: var(--_accent);
        color: var(--_accent-text);
        font-weight: 700;
      }
      [dir='rtl'] span {
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
  };

  /** Pages shown on each side of the current one. */
  window = 1;

  private go(page: number): void {
    this.setQuery({ page }, true);
  }

  protected override render() {
    const r = this.shelf?.results;
    if (!r || r.pending || r.pageCount <= 1) return nothing;
    const t = this.l10n.messages;
    const n = (x: number) => this.l10n.number(x);
    return html`<nav part="nav" aria-label=${this.landmark(t.pagination)} lang=${this.l10n.lang} dir=${this.direction}>
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
