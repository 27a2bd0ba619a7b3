import { fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ShelfLibrary } from '@reportshelf/elements';
import '@reportshelf/elements/define.js';
import seed from '../../data/catalogue.json';

export { seed };

/**
 * The engine that answers this run's searches: the in-page index, or the lite file's worker (the
 * `worker-engine` group of web-test-runner.config.mjs, whose page gives the elements the lite file's loaders).
 */
export const engine: 'page' | 'worker' = document.documentElement.dataset.engine === 'worker' ? 'worker' : 'page';

/** Every element matching `selector` below `root`, looking inside every shadow root. */
export function deepAll<T extends Element = HTMLElement>(root: Element | ShadowRoot | Document, selector: string): T[] {
  const found: T[] = [];
  const visit = (node: Element | ShadowRoot | Document) => {
    found.push(...(node.querySelectorAll(selector) as NodeListOf<T>));
    for (const el of node.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  if (root instanceof Element && root.matches(selector)) found.push(root as T);
  visit(root);
  if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot);
  return [...new Set(found)];
}

export function deep<T extends Element = HTMLElement>(root: Element | ShadowRoot | Document, selector: string): T {
  const [first] = deepAll<T>(root, selector);
  if (!first) throw new Error(`Nothing matches ${selector}`);
  return first;
}

/** The element that has focus, following focus into shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Visible text, with white space folded; for a shadow host, the text its shadow root renders. */
export function text(el: Element | null | undefined): string {
  if (!el) return '';
  const raw = el.shadowRoot
    ? [...el.shadowRoot.children].map((child) => text(child)).join(' ')
    : ((el as HTMLElement).innerText ?? el.textContent ?? '');
  return raw.replace(/\s+/g, ' ').trim();
}

/** Titles of the cards on screen. */
export function titles(root: Element): string[] {
  return deepAll(root, 'shelf-report-card').map((card) => text(card.shadowRoot!.querySelector('.title')));
}

/** Waits until every element inside has finished rendering. */
export async function settle(root: Element): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await Promise.resolve();
    const elements = deepAll(root, '*').filter(
      (el): el is HTMLElement & { updateComplete: Promise<unknown> } => 'updateComplete' in el,
    );
    await Promise.all(elements.map((el) => el.updateComplete));
  }
}

/**
 * Retries an assertion until it holds, then throws its last failure: for what the lite file's
 * engine does later than the in-page one (a search answered by the worker, a language loaded).
 */
export async function eventually(assertion: () => void, timeout = 5000): Promise<void> {
  let failure: unknown;
  const holds = () => {
    try {
      assertion();
      return true;
    } catch (error) {
      failure = error;
      return false;
    }
  };
  try {
    await waitUntil(holds, '', { timeout });
  } catch {
    throw failure;
  }
}

/**
 * Waits until the library shows results and answers searches (from an index in the page, or its
 * worker). A large catalogue's index takes longer to build on a busy machine: `timeout` for it.
 */
export async function ready(lib: ShelfLibrary, timeout = 10000): Promise<ShelfLibrary> {
  await waitUntil(
    () => {
      const { status, results } = lib.store.getState();
      // Searches are answered: by the index in the page once built, or by the worker's.
      const searchable = engine === 'worker' || lib.store.getLibrary()?.index != null;
      return status === 'ready' && !results?.pending && lib.store.getEngine() != null && searchable;
    },
    'library did not become ready',
    { timeout },
  );
  await settle(lib);
  return lib;
}

export async function libraryFixture(
  template = html`<shelf-library .catalogue=${seed}></shelf-library>`,
  timeout?: number,
): Promise<ShelfLibrary> {
  const el = await fixture<HTMLElement>(template);
  const lib = (el.localName === 'shelf-library' ? el : el.querySelector('shelf-library')) as ShelfLibrary;
  return ready(lib, timeout);
}

/** Presses Tab until `predicate` holds for the focused element. */
export async function tabTo(predicate: (el: Element) => boolean, what: string, max = 40): Promise<Element> {
  const trail: string[] = [];
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const active = deepActive();
    if (active && predicate(active)) return active;
    trail.push(`${active?.localName}[${active?.getAttribute('part') ?? ''}] ${text(active).slice(0, 20)}`);
  }
  throw new Error(`Tab never reached ${what}; it went through: ${trail.join(' → ')}`);
}

export const byText = (needle: string | RegExp) => (el: Element) =>
  typeof needle === 'string' ? text(el).includes(needle) : needle.test(text(el));
