/** The drop-in file without a bundled catalogue, for pages that give `src`. */
// (In this order the file gzips smallest: 32,262 B against up to 32,333 in the others.)
import { loaders } from '../../elements/src/shared/on-demand.js';
import { defineAll } from '../../elements/src/elements.js';
import { ShelfLibrary } from '../../elements/src/library/library.js';

/**
 * `Reportshelf.setBasePath(url)`: the folder of the files this one loads when needed (the search
 * worker, the languages, the panels), for a page that keeps them elsewhere; by default, beside this file.
 */
export { setBasePath } from '../../elements/src/shared/on-demand.js';
export { registerMessages } from './register.js';

// Its languages, panels, search worker and spreadsheet reader come from beside it.
ShelfLibrary.use(loaders);
defineAll();
