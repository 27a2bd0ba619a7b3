import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { ShelfElement } from '../shared/base.js';
import { takeResultsFocusRequest } from '../shared/focus.js';
import { CLEAR_ALL, refinements, YEAR_ANY } from '../shared/refinements.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './report-list.styles.js';

/**
 * The current page of reports as cards, with a loading skeleton, an empty state that says what
 * would match (a spelling the index knows, each filter whose removal alone gives results, with how
 * many) and offers to remove each refinement, and the catalogue error. After a page change it moves focus to the
 * top of the results.
 *
 * @tagname shelf-report-list
 * @summary The cards of the current page, and the loading, empty and error states.
 *
 * @csspart list - The ordered list of cards.
 * @csspart card - Each `shelf-report-card`, for outer styling (inner parts are exported as `card-*`).
 * @csspart heading - The results heading, which receives focus after a page change.
 * @csspart empty - The empty state.
 * @csspart way-out - In the empty state, the list of ways to results: a did-you-mean, and each filter whose removal alone gives some, with how many.
 * @csspart error - The error state.
 * @csspart skeleton - Each loading placeholder.
 *
 * @cssprop --shelf-list-gap - Space between cards. Default: `calc(var(--shelf-space) / 2)`.
 */
export class ShelfReportList extends ShelfElement {
  static override styles = [tokens, styles];

  static override properties: PropertyDeclarations = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    skeletons: { type: Number },
  };

  /** Heading level of each card's title; the results heading is one level above. */
  headingLevel = 3;

  /** Placeholders shown while loading. */
  skeletons = 3;

  private get heading(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('#results-heading');
  }
  private lastResults: unknown;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Another element asked for focus to follow its change here (a page button, Clear all, the
    // last chip): the new results' heading takes it once they show.
    const results = this.shelf?.results;
    if (
      this.shelfStore &&
      results &&
      !results.pending &&
      results !== this.lastResults &&
      takeResultsFocusRequest(this.shelfStore)
    ) {
      // A link to one report opens its view (its card's Details), once its card has rendered; "Show
      // more" focuses the first card it added.
      const report = results.query.report;
      const card =
        this.renderRoot.querySelectorAll('shelf-report-card')[
          report ? 0 : results.hits.length > results.pageSize ? (results.page - 1) * results.pageSize : -1
        ];
      if (card)
        void card.updateComplete.then(() =>
          card.renderRoot
            .querySelector<HTMLElement>(report ? '[part=view-toggle]' : 'article')
            ?.[report ? 'click' : 'focus'](),
        );
      else {
        this.heading?.focus();
        this.heading?.scrollIntoView?.({ block: 'nearest' });
      }
    }
    this.lastResults = results;
  }

  private skeleton() {
    return html`<div aria-busy="true">
      <p class="visually-hidden" role="status">${this.l10n.messages.loading}</p>
      <ol part="list" aria-hidden="true">
        ${Array.from(
          { length: this.skeletons },
          () => html`<li class="skeleton" part="skeleton"><div></div><div></div><div></div></li>`,
        )}
      </ol>
    </div>`;
  }

  protected override render() {
    const t = this.l10n.messages;
    const s = this.shelf;
    const lang = this.l10n.lang;
    const dir = this.direction;
    // Until there are results to show; a search waiting for the index keeps the last ones, busy.
    if (!s || s.status === 'loading' || (s.results?.pending && s.results.total === 0)) return this.skeleton();
    if (s.status === 'error' || !s.results) {
      return html`<div class="state error" part="error" role="alert" lang=${lang} dir=${dir}>
        <h2>${t.errorTitle}</h2>
        <p>${s.error}</p>
      </div>`;
    }
    const r = s.results;
    if (r.total === 0) {
      const q = r.query.q.trim();
      const items = refinements(r.query, this.l10n);
      // What would match: a spelling the index knows, then each constraint whose removal alone gives results.
      const ways = r.relaxed ?? [];
      return html`<div class="state" part="empty" lang=${lang} dir=${dir}>
        <h2 id="results-heading" tabindex="-1" part="heading">${q ? t.noResultsFor(q) : items.length ? t.noResults : t.noReports}</h2>
        ${
          r.suggestion || ways.length
            ? html`<ul class="row" part="way-out">
              ${r.suggestion ? html`<li><button class="button" @click=${() => this.setQuery({ q: r.suggestion }, true)}>${t.didYouMean(r.suggestion)}</button></li>` : nothing}
              ${ways.map(
                ({ drop, total }) =>
                  html`<li><button class="button" @click=${() => this.setQuery(drop === 'q' ? { q: '' } : drop === 'year' ? YEAR_ANY : { filters: { [drop]: [] } }, true)}>
                    ${t.showWithout(`${this.l10n.number(total)} ${this.l10n.plural(t.reports, total)}`, drop === 'q' ? t.searchChip(q) : t.facet[drop])}
                  </button></li>`,
              )}
            </ul>`
            : nothing
        }
        ${
          // Nothing to remove: the catalogue itself has no reports.
          items.length
            ? html`<p>${t.emptyHint}</p><ul class="row">
              ${items.map((item) => html`<li><button class="button" aria-label=${item.removeLabel} @click=${() => this.setQuery(item.remove, true)}>${item.label} <span aria-hidden="true">×</span></button></li>`)}
              ${items.length > 1 ? html`<li><button class="button" @click=${() => this.setQuery(CLEAR_ALL, true)}>${t.clearAll}</button></li>` : nothing}
            </ul>`
            : nothing
        }
      </div>`;
    }
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel) || 3));
    // Best matches shown because a word matches nothing: the spelling the index knows, first.
    return html`${r.suggestion ? html`<ul class="row" part="way-out" lang=${lang} dir=${dir}><li><button class="button" @click=${() => this.setQuery({ q: r.suggestion }, true)}>${t.didYouMean(r.suggestion)}</button></li></ul>` : nothing}<h2 class="visually-hidden" id="results-heading" tabindex="-1" part="heading" aria-level=${Math.max(1, level - 1)} lang=${lang}>${t.results}</h2>
      <ol part="list" aria-labelledby="results-heading" aria-busy=${r.pending ? 'true' : 'false'}>
        ${r.hits.map(
          (hit) => html`<li>
            <shelf-report-card
              part="card"
              exportparts="card: card-frame, title: card-title, link: card-link, meta: card-meta, authors: card-authors, organizations: card-organizations, summary: card-summary, toggle: card-toggle, highlight: card-highlight, cite-toggle: card-cite-toggle, cite: card-cite"
              .report=${hit.report}
              .highlight=${hit.terms}
              heading-level=${level}
            ></shelf-report-card>
          </li>`,
        )}
      </ol>${
        r.unavailable
          ? html`<p class="state" part="unavailable" role="status" lang=${lang} dir=${dir}>${t.unavailable(`${this.l10n.number(r.unavailable)} ${this.l10n.plural(t.reports, r.unavailable)}`)}</p>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shelf-report-list': ShelfReportList;
  }
}
