import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ShelfElement } from '../shared/base.js';
import { CLEAR_ALL, refinements } from '../shared/refinements.js';
import { tokens } from '../shared/tokens.styles.js';

/**
 * One removable chip per refinement (the search, each facet value, the year range) and Clear all.
 * Renders nothing when nothing is refined.
 *
 * @tagname shelf-active-filters
 * @summary Chips for the current refinements.
 *
 * @csspart group - The group holding the chips.
 * @csspart chip - Each chip's remove button.
 * @csspart clear-all - The Clear all button.
 *
 * @cssprop --shelf-chip-background - Chip background. Default: `var(--shelf-color-surface-alt)`.
 */
export class ShelfActiveFilters extends ShelfElement {
  static version = '0.1.0';
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        font-size: var(--_font-size);
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4em;
        margin: 0;
        padding: 0;
        list-style: none;
        align-items: center;
      }
      .chip {
        border-radius: 999px;
        background: var(--shelf-chip-background, var(--_surface-alt));
        border-color: var(--_border-subtle);
        font-size: 0.9em;
        min-block-size: 2rem;
        max-inline-size: 100%;
        overflow-wrap: anywhere;
        text-align: start;
      }
      .x {
        font-size: 1.1em;
        line-height: 1;
      }
    `,
  ];

  /** Hides the search chip, for layouts where the search box shows the words already. */
  @property({ type: Boolean, attribute: 'hide-search' }) hideSearch = false;

  protected override render() {
    const query = this.shelf?.query;
    if (!query || this.shelf?.status !== 'ready') return nothing;
    const items = refinements(query, this.l10n).filter((r) => !(this.hideSearch && r.key === 'q'));
    if (items.length === 0) return nothing;
    const t = this.l10n.messages;
    return html`<div part="group" role="group" aria-label=${t.activeFilters} lang=${this.l10n.lang} dir=${this.l10n.dir}>
      <ul>
        ${items.map(
          (r) => html`<li>
            <button class="button chip" part="chip" aria-label=${r.removeLabel} @click=${() => this.setQuery(r.remove)}>
              <span>${r.label}</span><span class="x" aria-hidden="true">×</span>
            </button>
          </li>`,
        )}
        <li><button class="link-button" part="clear-all" @click=${() => this.setQuery(CLEAR_ALL)}>${t.clearAll}</button></li>
      </ul>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shelf-active-filters': ShelfActiveFilters;
  }
}
