import type { Store } from '@reportshelf/core';

// Pagination and the report list may sit in different parts of the page; when a page button is
// used, the list moves focus to the top of the new results. This is the hand-over between them.
const requested = new WeakSet<Store>();

export function requestResultsFocus(store: Store): void {
  requested.add(store);
}

export function takeResultsFocusRequest(store: Store): boolean {
  return requested.delete(store);
}
