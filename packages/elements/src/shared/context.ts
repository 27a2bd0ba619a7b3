import { createContext } from '@lit/context';
import type { Store } from '@reportshelf/core';

/** What an element needs from the `shelf-library` it belongs to. */
export interface LibraryHost extends HTMLElement {
  readonly store: Store;
  /** Facets to show, in order. */
  readonly facetList: readonly string[];
  /** Whether the library keeps its state in the page's address (`sync-url`), and under which prefix. */
  readonly syncUrl: boolean;
  readonly urlPrefix: string;
}

/**
 * The context (the community context protocol, as `@lit/context` implements it) that every
 * `shelf-library` provides to the elements inside it, its shadow root included: the library
 * element itself, whose `store` holds the search state. A partner's own element can consume it
 * with `new ContextConsumer(this, { context: libraryContext, subscribe: true })`. The key is
 * `Symbol.for('reportshelf-library')`, so a partner's own copy of `@lit/context` finds it too.
 * (A module of its own: the cite panels, loaded on demand, ask for it without Lit.)
 */
export const libraryContext = createContext<LibraryHost>(Symbol.for('reportshelf-library'));
