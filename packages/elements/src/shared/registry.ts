import type { LibraryHost } from './base.js';

/** An element that names its library with `library="ID"`. */
interface Naming {
  readonly library?: string;
  attach(host: LibraryHost): void;
}

// Libraries with an id, and the elements that name one: whichever connects first, they meet (as in
// Pagefind's instance manager). Also how many libraries the page has: landmark names depend on it.
const named = new Map<string, LibraryHost>();
const naming = new Set<Naming>();
let libraries = 0;

/** Called by a library when it connects: elements naming its id get it. */
export function addLibrary(host: LibraryHost): void {
  libraries++;
  if (host.id) named.set(host.id, host);
  naming.forEach((element) => element.library === host.id && element.attach(host));
}

/** Called by a library when it disconnects. */
export function removeLibrary(host: LibraryHost): void {
  libraries--;
  if (named.get(host.id) === host) named.delete(host.id);
}

/** Connects an element to the library its `library` names, now or when that library connects. */
export function findNamed(element: Naming): void {
  naming.add(element);
  const host = named.get(element.library!) ?? document.getElementById(element.library!);
  if (host && 'store' in host) element.attach(host as LibraryHost);
}

/** Stops looking for an element's named library. */
export const forgetNamed = (element: Naming): boolean => naming.delete(element);

/** How many libraries are connected now, anywhere (shadow roots included). */
export const libraryCount = (): number => libraries;
