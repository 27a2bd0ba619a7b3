import { adoptStyles, LitElement, type PropertyValues, type PropertyDeclarations } from 'lit';
import { insulation } from './tokens.styles.js';
import { yieldToPage, type Query, type Store, type StoreState } from '@reportshelf/core';
import type { Localizer } from './i18n.js';
import { LocaleController } from './locale.js';
import { requestResultsFocus } from './focus.js';
import { findNamed, forgetNamed, libraryCount } from './registry.js';
import { libraryContext, requestLibrary, type LibraryHost } from './context.js';

export { libraryContext, type LibraryHost };

let loaded: Promise<unknown> | undefined;

/**
 * Page-wide setup a file that bundles the elements adds (the package: a context root, see
 * index.ts), done when the first element connects.
 */
export const pageSetup: (() => void)[] = [];

/**
 * Page-wide setup, done when the first element connects rather than on import, so that a server
 * (Astro, Next, SvelteKit) can import the package where there is no `document`: `pageSetup`, and a
 * promise that resolves once the page has loaded, when an element still without a library says so.
 */
function pageLoaded(): Promise<unknown> {
  if (loaded) return loaded;
  for (const setup of pageSetup) setup();
  return (loaded = new Promise((resolve) =>
    document.readyState == 'complete' ? resolve(0) : addEventListener('load', resolve, { once: true }),
  ));
}

/**
 * Base of every Reportshelf element: its language, direction and theme come from a
 * `LocaleController` (see locale.ts), which re-renders it when any of them changes.
 */
export abstract class LocalizedElement extends LitElement {
  /**
   * The first render waits for a task of its own: the default layout's pieces, and the cards of a
   * page of results, then render one task each instead of all in one (over 50 ms on a slow phone).
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await yieldToPage();
    await super.scheduleUpdate();
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // In the page (not inside another of these elements' shadow roots): insulated from its CSS.
    const around = this.getRootNode();
    if (!(around instanceof ShadowRoot && around.host instanceof LocalizedElement))
      adoptStyles(root as ShadowRoot, [...(this.constructor as typeof LitElement).elementStyles, insulation]);
    return root;
  }

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
 * Base of every element that shows a library's state: gets its `shelf-library` through the
 * context (an ancestor, across shadow roots) or, with `library="ID"`, the library of that id, and
 * subscribes to its store.
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

  /** Asks for the library this element is inside (the context); one named by `library` comes from the registry instead. */
  protected askLibrary(): void {
    requestLibrary(this, (host) => this.library || this.attach(host), true);
  }

  override connectedCallback(): void {
    const loaded = pageLoaded();
    super.connectedCallback();
    this.askLibrary();
    this.connectNamed();
    void loaded.then(() => {
      if (this.isConnected && !this.shelfStore)
        console.warn(
          this.library
            ? `<${this.localName} library="${this.library}">: there is no <shelf-library id="${this.library}"> on this page.`
            : `<${this.localName}> must be inside a <shelf-library> or name one with library="ID".`,
        );
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    forgetNamed(this);
    this.detach();
  }

  protected override fallbackContext(): Element | null {
    return this.libraryElement;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('library') && this.hasUpdated) {
      this.detach();
      if (this.library) this.connectNamed();
      else this.askLibrary();
    }
    super.willUpdate(changed);
  }

  private connectNamed(): void {
    if (this.library) findNamed(this);
  }

  /** Shows this library's state (called by the context or the registry). */
  attach(host: LibraryHost): void {
    if (host === this.libraryElement) return;
    this.detach();
    this.libraryElement = host;
    this.shelfStore = host.store;
    this.shelf = host.store.getState();
    this.unsubscribe = host.store.subscribe((s) => (this.shelf = s));
    this.requestUpdate();
  }

  private detach(): void {
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
    if (!label && libraryCount() < 2) return base;
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
