/**
 * The drop-in file: every element, with the default catalogue bundled, registered on load.
 * `<script src="reportshelf.js"></script><shelf-library></shelf-library>` is all a page needs.
 */
import catalogue from '../../../data/catalogue.json';
import { defineAll, type ShelfLibrary } from '@reportshelf/elements';

defineAll();
// Whichever copy defined the elements (the lite file may have come first), the library class in
// use gets this file's catalogue. A library waiting for one (the page is still loading) finds it.
const Library = customElements.get('shelf-library') as typeof ShelfLibrary | undefined;
if (Library) Library.defaultCatalogue ??= catalogue;

export { registerMessages } from './reportshelf.lite.js';
