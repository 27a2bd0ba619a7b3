import type { Context } from '@lit/context';
import type { Store } from '@reportshelf/core';

/** What an element needs from the `shelf-library` it belongs to. */
export interface LibraryHost extends HTMLElement {
  readonly store: Store;
  /** Facets to show, in order. */
  readonly facetList: readonly string[];
  /** Whether the library keeps its state in the page's address (`sync-url`), and under which prefix. */
  readonly syncUrl: boolean;
  readonly urlPrefix: string;
  /** The library's own page size (a visitor may choose another). */
  readonly pageSize?: number;
  /** `more`: a "Show more" button adds the next page to the list, in place of page numbers. */
  readonly paging?: string | undefined;
}

/**
 * The context (the community context protocol, as `@lit/context` implements it) that every
 * `shelf-library` provides to the elements inside it, its shadow root included: the library
 * element itself, whose `store` holds the search state. A partner's own element can consume it
 * with `new ContextConsumer(this, { context: libraryContext, subscribe: true })`. The key is
 * `Symbol.for('reportshelf-library')`, so a partner's own copy of `@lit/context` finds it too.
 * (A module of its own: the cite panels, loaded on demand, ask for it without Lit.)
 */
export const libraryContext = Symbol.for('reportshelf-library') as Context<symbol, LibraryHost>;

/**
 * The protocol's request (https://github.com/webcomponents-cg/community-protocols, "context"), as
 * `@lit/context`'s `ContextRequestEvent` makes it: so that a partner's provider answers ours and
 * ours answers a partner's consumer. Written here rather than with `@lit/context`'s controllers,
 * which cost the lite drop-in file 700 B gzipped for one provider whose value never changes.
 */
class ContextRequest extends Event {
  constructor(
    readonly context: unknown,
    readonly contextTarget: Element,
    readonly callback: (value: LibraryHost, unsubscribe?: () => void) => void,
    readonly subscribe?: boolean,
  ) {
    super('context-request', { bubbles: true, composed: true });
  }
}

/**
 * Asks for the library `element` is inside (a `shelf-library` around it, its shadow root
 * included, or a partner's element that provides one): `callback` gets it, if one answers.
 * `subscribe` keeps the request, for a context root to make again once a library defined later
 * upgrades (the elements package has one).
 */
export const requestLibrary = (element: Element, callback: (host: LibraryHost) => void, subscribe?: boolean): void =>
  void element.dispatchEvent(new ContextRequest(libraryContext, element, callback, subscribe));

/**
 * Makes a library the answer to the requests of the elements inside it (not its own), and says
 * so on each connection (a `context-provider` event, upon which a context root asks again what
 * no one answered).
 */
export function provideLibrary(host: LibraryHost): () => void {
  host.addEventListener('context-request', (event) => {
    const request = event as ContextRequest;
    if (request.context !== libraryContext || request.contextTarget === host) return;
    event.stopPropagation();
    // The value never changes: a subscriber has nothing more to hear.
    request.callback(host, () => {});
  });
  return () =>
    void host.dispatchEvent(
      Object.assign(new Event('context-provider', { bubbles: true, composed: true }), { context: libraryContext }),
    );
}
