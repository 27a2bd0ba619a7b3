import type { ShelfLibrary } from '../../elements/src/library/library.js';

/**
 * `Reportshelf.registerMessages(lang, messages)`: adds a language or rewords strings. It reaches
 * whichever copy defined the elements (the full and lite files may both be on a page).
 */
export const registerMessages: typeof ShelfLibrary.registerMessages = (lang, messages) =>
  (customElements.get('shelf-library') as typeof ShelfLibrary).registerMessages(lang, messages);
