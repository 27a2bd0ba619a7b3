import { css, html, type PropertyValues, type PropertyDeclarations } from 'lit';
import { ShelfElement } from '../shared/base.js';
import { refinements } from '../shared/refinements.js';
import { tokens } from '../shared/tokens.styles.js';

/**
 * "Showing 1–10 of 124 reports for …" or "No reports match …". The text on screen follows every
 * change; screen readers hear it once typing has settled, through a polite live region.
 *
 * @tagname shelf-result-summary
 * @summary How many reports match, announced politely.
 *
 * @csspart summary - The visible sentence.
 */
export class ShelfResultSummary extends ShelfElement {
  static override styles = [
    tokens,
    css`
      p {
        margin: 0;
        color: var(--shelf-summary-color, var(--_muted));
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    announceDelay: { type: Number, attribute: 'announce-delay' },
    announced: { state: true },
  };

  /** Milliseconds the sentence must stay the same before it is announced. */
  announceDelay = 600;

  private announced = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  /** The sentence for the current state. */
  get text(): string {
    const t = this.l10n.messages;
    const s = this.shelf;
    if (!s || s.status === 'loading') return t.loading;
    if (s.status === 'error' || !s.results) return '';
    const r = s.results;
    if (r.pending) return t.searching;
    if (r.failed) return t.searchFailed;
    const q = r.query.q.trim();
    // Files of a split catalogue that could not be had: said after the rest (see `Results.incomplete`).
    const said = (text: string) => (r.incomplete ? `${text.replace(/\.?$/, '.')} ${t.incomplete}` : text);
    if (r.total === 0)
      return said(q ? t.noResultsFor(q) : refinements(r.query, this.l10n).length ? t.noResults : t.noReports);
    const n = (x: number) => this.l10n.number(x);
    const end = Math.min(r.total, r.page * r.pageSize);
    // Reports that could not be had are still of the range (the list says so); with "Show more"
    // paging the list holds every page up to this one.
    const start = end - r.hits.length - (r.unavailable ?? 0) + 1;
    const reports = this.l10n.plural(t.reports, r.total);
    // A link to a report no longer there is said, politely, before what is shown instead; best
    // matches (reports with some of the words) after it.
    const every = r.total - (r.partial ?? 0);
    return said(
      (r.unloaded ? `${t.reportUnloaded} ` : r.missing ? `${t.reportGone} ` : '') +
        (q
          ? t.showingFor(n(start), n(end), n(r.total), reports, q)
          : t.showing(n(start), n(end), n(r.total), reports)) +
        (r.partial ? `. ${every ? t.someHaveAll(n(every), this.l10n.plural(t.reports, every)) : t.noneHaveAll}.` : ''),
    );
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const text = this.text;
    if (text === this.announced) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.announced = this.text), this.announceDelay);
  }

  protected override render() {
    return html`<p part="summary" lang=${this.l10n.lang} dir=${this.direction}>${this.text}</p>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announced}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shelf-result-summary': ShelfResultSummary;
  }
}
