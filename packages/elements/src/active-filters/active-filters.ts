import { css, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Query } from '@reportshelf/core';
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
  static override styles = [
    tokens,
    css`
      .button {
        border-radius: 1em;
        background: var(--shelf-chip-background, var(--_surface-alt));
        font-size: 0.9em;
        text-align: start;
        overflow-wrap: anywhere;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    hideSearch: { type: Boolean, attribute: 'hide-search' },
  };

  /** Hides the search chip, for layouts where the search box shows the words already. */
  hideSearch = false;

  // The chip to focus once a removed one is gone: the one that took its place, else the one before.
  private focusChip: number | undefined;

  /** Removes one refinement; focus goes to a neighbouring chip, or to the results when it was the last. */
  private removeChip(change: Partial<Query>, index: number, count: number): void {
    if (count > 1) this.focusChip = Math.min(index, count - 2);
    this.setQuery(change, count === 1);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusChip === undefined) return;
    this.renderRoot.querySelectorAll<HTMLElement>('[part="chip"]')[this.focusChip]?.focus();
    this.focusChip = undefined;
  }

  protected override render() {
    const query = this.shelf?.query;
    if (!query || this.shelf?.status !== 'ready') return nothing;
    const items = refinements(query, this.l10n).filter((r) => !(this.hideSearch && r.key === 'q'));
    if (items.length === 0) return nothing;
    const t = this.l10n.messages;
    return html`<div part="group" role="group" aria-label=${t.activeFilters} lang=${this.l10n.lang} dir=${this.direction}>
      <ul class="row">
        ${items.map(
          (r, i) => html`<li>
            <button class="button chip" part="chip" aria-label=${r.removeLabel} @click=${() => this.removeChip(r.remove, i, items.length)}>
              <span>${r.label}</span><span class="x" aria-hidden="true">×</span>
            </button>
          </li>`,
        )}
        <li><button class="link" part="clear-all" @click=${() => this.setQuery(CLEAR_ALL, true)}>${t.clearAll}</button></li>
      </ul>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shelf-active-filters': ShelfActiveFilters;
  }
}
