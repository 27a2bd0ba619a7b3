import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { MAX_QUERY_LENGTH } from '@reportshelf/core';
import { ShelfElement } from '../shared/base.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './search-box.styles.js';
import type { ShelfLibrary } from '../library/library.js';

let counter = 0;

/** A frame at 60 Hz: a query that costs less than this runs on every keystroke. */
const FRAME_MS = 16;

/**
 * A labelled search field. Results follow every keystroke while searching is cheap (a word of one
 * letter waits); when searches take longer than a frame, they wait for a short pause in typing. Enter searches at once;
 * Escape clears.
 *
 * @tagname shelf-search-box
 * @summary The search field of a library.
 *
 * @csspart form - The search landmark (`form role="search"`).
 * @csspart label - The visible label.
 * @csspart input - The text field.
 * @csspart clear-button - The button that clears the search.
 * @csspart hint - How to search ("exact words" in quotes, -word to leave one out), read out with the field.
 *
 * @cssprop --shelf-input-background - Field background. Default: `var(--shelf-color-surface)`.
 * @cssprop --shelf-input-border-color - Field border. Default: `var(--shelf-color-border)`.
 */
export class ShelfSearchBox extends ShelfElement {
  static override styles = [tokens, styles];

  static override properties: PropertyDeclarations = {
    debounce: { type: Number },
    label: {},
    placeholder: {},
    hideLabel: { type: Boolean, attribute: 'hide-label', reflect: true },
    draft: { state: true },
  };

  /** Milliseconds of quiet typing before the search runs, when searches take longer than a frame. */
  debounce = 200;

  /** Replaces the visible label (it stays available to screen readers either way). */
  label?: string;

  /** Replaces the placeholder text. */
  placeholder?: string;

  /** Hides the label visually; it is still read out. */
  hideLabel = false;

  private draft = '';
  private get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('input');
  }
  private timer: ReturnType<typeof setTimeout> | undefined;
  private committed = '';
  private readonly inputId = `shelf-search-${++counter}`;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  /** Moves focus to the text field. */
  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Follow the query when it changes from elsewhere (a chip, Back, a shared link): that change
    // is newer than words still waiting for a pause, which must not overwrite it later.
    const q = this.shelf?.query.q ?? '';
    if (q !== this.committed) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.committed = q;
      this.draft = q;
    }
  }

  private commit(value: string): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.committed = value;
    this.setQuery({ q: value });
  }

  /** Enter: the words now, and a history entry of their own (after their change is written). */
  private submit(event: Event): void {
    event.preventDefault();
    this.commit(this.draft);
    (this.libraryElement as ShelfLibrary | null)?.settleWords?.();
  }

  private onInput(event: InputEvent): void {
    this.draft = (event.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    // A last word of one letter is no prefix yet (see core's search-index.ts): searched at once, it
    // would flash "No reports match" until the next letter, so it waits for a pause (or Enter).
    if ((this.shelfStore?.queryCost() ?? 0) <= FRAME_MS && !/(^|\s)\S$/.test(this.draft)) this.commit(this.draft);
    else this.timer = setTimeout(() => this.commit(this.draft), Math.max(0, this.debounce));
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.draft !== '') {
      event.preventDefault();
      this.clear();
    }
  }

  private clear(): void {
    this.draft = '';
    this.commit('');
    this.input?.focus();
  }

  protected override render() {
    const t = this.l10n.messages;
    const label = this.label ?? t.search;
    return html`
      <form part="form" role="search" aria-label=${this.landmark(label)} lang=${this.l10n.lang} dir=${this.direction} @submit=${this.submit}>
        <label part="label" for=${this.inputId} class=${this.hideLabel ? 'visually-hidden' : ''}>${label}</label>
        <div>
          <svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="10.5" cy="10.5" r="6.5"></circle><path d="m15.5 15.5 5 5"></path></svg>
          <input
            class="field"
            part="input"
            id=${this.inputId}
            type="search"
            autocomplete="off"
            spellcheck="false"
            maxlength=${MAX_QUERY_LENGTH}
            aria-describedby="${this.inputId}-hint"
            enterkeyhint="search"
            .value=${this.draft}
            placeholder=${this.placeholder ?? t.searchPlaceholder}
            @input=${this.onInput}
            @keydown=${this.onKeydown}
          />
          ${
            this.draft !== ''
              ? html`<button type="button" part="clear-button" aria-label=${t.clearSearch} title=${t.clearSearch} @click=${this.clear}>
                <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18"></path></svg>
              </button>`
              : nothing
          }
        </div>
        <p class="hint" part="hint" id="${this.inputId}-hint">${t.searchHint}</p>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shelf-search-box': ShelfSearchBox;
  }
}
