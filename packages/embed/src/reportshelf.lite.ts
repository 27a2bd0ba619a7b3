/** The drop-in file without a bundled catalogue, for pages that give `src`. */
import { defineAll, type ShelfLibrary } from '@reportshelf/elements';

defineAll();

/**
 * `Reportshelf.registerMessages(lang, messages)`: adds a language or rewords strings. It reaches
 * whichever copy defined the elements (the full and lite files may both be on a page).
 */
export const registerMessages: typeof ShelfLibrary.registerMessages = (lang, messages) =>
  (customElements.get('shelf-library') as typeof ShelfLibrary).registerMessages(lang, messages);
