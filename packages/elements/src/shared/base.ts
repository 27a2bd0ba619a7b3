import { LitElement, type PropertyValues, type PropertyDeclarations } from 'lit';
import type { Query, Store, StoreState } from '@reportshelf/core';
import { localizer, onMessagesChange, resolveLanguageOrNull, supportedLanguage, type Localizer } from './i18n.js';
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

// One observer for the whole page re-renders elements when a `lang` or `theme` changes anywhere.
const watched = new Set<LocalizedElement>();
// Strings added or reworded by the page (registerMessages) show at once.
onMessagesChange(() => watched.forEach((el) => el.requestUpdate()));
let observer: MutationObserver | undefined;
function watch(element: LocalizedElement): void {
  watched.add(element);
  if (observer) return;
  observer = new MutationObserver(() => watched.forEach((el) => el.requestUpdate()));
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['lang', 'theme', 'dir'],
    subtree: true,
  });
}

function parentAcrossShadow(node: Node): Node | null {
  return node.parentNode instanceof ShadowRoot ? node.parentNode.host : node.parentNode;
}

function closestAttribute(from: Element, name: string): string | null {
  for (let node: Node | null = from; node; node = parentAcrossShadow(node)) {
    if (node instanceof Element && node.hasAttribute(name)) return node.getAttribute(name);
  }
  return null;
}

/**
 * Base of every Reportshelf element: works out its language (its own `lang`, else the closest
 * ancestor's across shadow roots, else its library's, else the document's, else English) and its
 * theme (the closest `theme` attribute), and re-renders when either changes.
 */
export abstract class LocalizedElement extends LitElement {
  protected l10n: Localizer = localizer('en');
  /** Text direction: the nearest `dir` or `lang` above decides, whichever is closer. */
  protected direction: 'ltr' | 'rtl' = 'ltr';

  override connectedCallback(): void {
    super.connectedCallback();
    watch(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    watched.delete(this);
  }

  private resolveDirection(fallback: Element | null): 'ltr' | 'rtl' {
    for (const start of fallback ? [this, fallback] : [this]) {
      for (let node: Node | null = start; node; node = parentAcrossShadow(node)) {
        if (!(node instanceof Element)) continue;
        const dir = node.getAttribute('dir');
        // An explicit direction is honoured; otherwise the interface language's own direction.
        if (dir === 'ltr' || dir === 'rtl') return dir;
        if (node.getAttribute('lang')) return this.l10n.dir;
      }
    }
    return this.l10n.dir;
  }

  /** Another element to inherit language and theme from when no ancestor gives them. */
  protected fallbackContext(): Element | null {
    return null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const fallback = this.fallbackContext();
    const lang = resolveLanguageOrNull(this) ?? (fallback ? resolveLanguageOrNull(fallback) : null);
    this.l10n = localizer(lang ?? supportedLanguage(document.documentElement.lang));
    this.direction = this.resolveDirection(fallback);
    const theme = closestAttribute(this, 'theme') ?? (fallback ? closestAttribute(fallback, 'theme') : null);
    if (theme === 'dark' || theme === 'light') this.dataset.shelfTheme = theme;
    else delete this.dataset.shelfTheme;
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
    for (let node = parentAcrossShadow(this); node; node = parentAcrossShadow(node)) {
      if (node instanceof Element && node.localName === LIBRARY_TAG) return node;
    }
    return null;
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
