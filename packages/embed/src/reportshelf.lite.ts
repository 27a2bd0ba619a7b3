/** The drop-in file without a bundled catalogue, for pages that give `src`. */
import { defineAll, type ShelfLibrary } from '@reportshelf/elements';

/**
 * `Reportshelf.setBasePath(url)`: the folder of the files this one loads when needed (the search
 * worker, the languages, the panels), for a page that keeps them elsewhere; by default, beside this file.
 */
export { setBasePath } from '@reportshelf/elements';

defineAll();

/**
 * `Reportshelf.registerMessages(lang, messages)`: adds a language or rewords strings. It reaches
 * whichever copy defined the elements (the full and lite files may both be on a page).
 */
export const registerMessages: typeof ShelfLibrary.registerMessages = (lang, messages) =>
  (customElements.get('shelf-library') as typeof ShelfLibrary).registerMessages(lang, messages);
