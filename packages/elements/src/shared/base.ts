import { LitElement, type PropertyValues, type PropertyDeclarations } from 'lit';
import type { Query, Store, StoreState } from '@reportshelf/core';
import type { Localizer } from './i18n.js';
import { LocaleController } from './locale.js';
import { closestAcross, parentAcrossShadow } from './tree.js';
import { requestResultsFocus } from './focus.js';

/** What an element needs from the `shelf-library` it belongs to. */
export interface LibraryHost extends HTMLElement {
  readonly store: Store;
  /** Facets to show, in order. */
  readonly facetList: readonly string[];
}

const LIBRARY_TAG = 'shelf-library';

// Elements that name a library not (yet) on the page; each library that connects retries them.
const waiting = new Set<ShelfElement>();

// Libraries connected now, anywhere (shadow roots included): landmark names depend on it.
let libraries = 0;

/** Called by a library when it connects, so that elements waiting for it find it. */
export function announceLibrary(): void {
  libraries++;
  for (const element of [...waiting]) element.retryConnect();
}

/** Called by a library when it disconnects. */
export function retireLibrary(): void {
  libraries--;
}

/**
 * Base of every Reportshelf element: its language, direction and theme come from a
 * `LocaleController` (see locale.ts), which re-renders it when any of them changes.
 */
export abstract class LocalizedElement extends LitElement {
  protected readonly locale = new LocaleController(this, () => this.fallbackContext());

  protected get l10n(): Localizer {
    return this.locale.l10n;
  }

  /** Text direction: the nearest `dir` or `lang` above decides, whichever is closer. */
  protected get direction(): 'ltr' | 'rtl' {
    return this.locale.direction;
  }

  /** Another element to inherit language and theme from when no ancestor gives them. */
  protected fallbackContext(): Element | null {
    return null;
  }
}

/**
 * Base of every element that shows a library's state: finds its `shelf-library` (an ancestor,
 * across shadow roots, or the one named by `library="ID"`) and subscribes to its store.
 */
export abstract class ShelfElement extends LocalizedElement {
  static override properties: PropertyDeclarations = {
    library: { reflect: true },
    shelf: { state: true },
  };

  /** The id of the `shelf-library` to use, for an element placed outside it. */
  library?: string;

  /** The library's current state; null until connected to a library. */
  protected shelf: StoreState | null = null;

  protected shelfStore: Store | null = null;
  protected libraryElement: LibraryHost | null = null;
  private unsubscribe: (() => void) | undefined;
  private connecting = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.connectLibrary();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.disconnectLibrary();
  }

  protected override fallbackContext(): Element | null {
    return this.libraryElement;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('library') && this.hasUpdated) {
      this.disconnectLibrary();
      this.connectLibrary();
    }
    super.willUpdate(changed);
  }

  /** Override to find the library some other way (the library element is its own). */
  protected findLibrary(): Element | null {
    if (this.library) {
      const root = this.getRootNode() as Document | ShadowRoot;
      return root.getElementById?.(this.library) ?? document.getElementById(this.library);
    }
    return closestAcross(parentAcrossShadow(this), (element) => (element.localName === LIBRARY_TAG ? element : null));
  }

  private connectLibrary(): void {
    const attempt = ++this.connecting;
    const found = this.findLibrary();
    if (found && 'store' in found) {
      this.attach(found as LibraryHost);
    } else if (found) {
      // The library's definition has not run yet: wait for it.
      void customElements
        .whenDefined(LIBRARY_TAG)
        .then(() => attempt === this.connecting && this.isConnected && this.connectLibrary());
    } else if (document.readyState === 'loading') {
      // A library named by id may come later in the page.
      document.addEventListener(
        'DOMContentLoaded',
        () => attempt === this.connecting && this.isConnected && this.connectLibrary(),
        { once: true },
      );
    } else {
      waiting.add(this);
      // Say so only if no library has turned up by the end of this task.
      setTimeout(() => {
        if (attempt !== this.connecting || !waiting.has(this) || !this.isConnected) return;
        console.warn(
          this.library
            ? `<${this.localName} library="${this.library}">: there is no <shelf-library id="${this.library}"> on this page.`
            : `<${this.localName}> must be inside a <shelf-library> or name one with library="ID".`,
        );
      });
    }
  }

  /** Looks for the library again (used when a library connects). */
  retryConnect(): void {
    if (!this.isConnected || this.shelfStore) return;
    waiting.delete(this);
    this.connectLibrary();
  }

  private attach(host: LibraryHost): void {
    waiting.delete(this);
    this.libraryElement = host;
    this.shelfStore = host.store;
    this.shelf = host.store.getState();
    this.unsubscribe = host.store.subscribe((s) => (this.shelf = s));
    this.requestUpdate();
  }

  private disconnectLibrary(): void {
    this.connecting++;
    waiting.delete(this);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.shelfStore = null;
    this.libraryElement = null;
  }

  /**
   * A landmark's name, made unique when it must be: on a page with several libraries, or for a
   * library with a `label`, the library's name (its label, else its catalogue's title, else its
   * id) follows, so that "Result pages" of two libraries can be told apart.
   */
  protected landmark(base: string): string {
    const host = this.libraryElement;
    if (!host) return base;
    const label = host.getAttribute('label');
    if (!label && libraries < 2) return base;
    const name = label || host.store.getLibrary()?.catalogue.title || host.id;
    return name ? `${base}: ${name}` : base;
  }

  /**
   * Asks the library for a new query: elements only express intents, the store does the rest.
   * With `focusResults`, focus moves to the new results' heading once they show: for a control
   * that the change removes from the page (Clear all, the last chip), so that focus is not lost.
   */
  protected setQuery(change: Partial<Query>, focusResults = false): void {
    if (!this.shelfStore) return;
    if (focusResults) requestResultsFocus(this.shelfStore);
    this.shelfStore.setQuery(change);
  }
}
