import { css, html } from 'lit';
import { SORT_ORDERS, type SortOrder } from '@reportshelf/core';
import { ShelfElement } from '../shared/base.js';
import { tokens } from '../shared/tokens.styles.js';

let counter = 0;

/**
 * The sort order: relevance, newest, oldest or title, and recently added where the catalogue has
 * `added` dates. Relevance needs words to rank by, so while the search is empty it reads as newest
 * first.
 *
 * @tagname shelf-sort-select
 * @summary Sort order of the results.
 *
 * @csspart label - The label.
 * @csspart select - The native select.
 */
export class ShelfSortSelect extends ShelfElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: inline-block;
      }
    `,
  ];

  private readonly selectId = `shelf-sort-${++counter}`;

  protected override render() {
    const t = this.l10n.messages;
    const query = this.shelf?.query;
    const browsing = (query?.q.trim() ?? '') === '';
    const current: SortOrder = this.shelf?.results?.sort ?? query?.sort ?? 'relevance';
    return html`<span class="wrap" lang=${this.l10n.lang} dir=${this.direction}>
      <label part="label" for=${this.selectId}>${t.sortBy}</label>
      <select
        class="field"
        part="select"
        id=${this.selectId}
        ?disabled=${this.shelf?.status !== 'ready'}
        @change=${(e: Event) => this.setQuery({ sort: (e.target as HTMLSelectElement).value as SortOrder })}
      >
        ${SORT_ORDERS.filter((order) => order != 'added' || this.shelfStore?.getLibrary()?.added).map(
          (order) =>
            html`<option value=${order} ?disabled=${order === 'relevance' && browsing} ?selected=${order === current} .selected=${order === current}>${t.sort[order]}</option>`,
        )}
      </select>
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shelf-sort-select': ShelfSortSelect;
  }
}
