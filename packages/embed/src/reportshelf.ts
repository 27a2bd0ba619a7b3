/**
 * The drop-in file: every element, with the default catalogue bundled, registered on load.
 * `<script src="reportshelf.js"></script><shelf-library></shelf-library>` is all a page needs.
 */
import catalogue from '../../../data/catalogue.json';
import { defineAll } from '../../elements/src/elements.js';
import { ShelfLibrary } from '../../elements/src/library/library.js';
import { inPage } from '../../elements/src/shared/bundled.js';
import type { Loaders } from '../../elements/src/shared/loaders.js';
import * as panels from '../../elements/src/cite/panels.js';
import * as regions from '../../elements/src/filter-bar/regions.js';

// Everything in the page, the panels and the region tree too: imported, not loaded, since this one
// file holds them (a module loaded later would make the bundler wrap every module for it).
ShelfLibrary.use({
  ...inPage,
  loadPanels: () => Promise.resolve(panels),
  loadRegions: () => Promise.resolve(regions),
} satisfies Loaders);
defineAll();
// Whichever copy defined the elements (the lite file may have come first), the library class in
// use gets this file's catalogue. A library waiting for one (the page is still loading) finds it.
const Library = customElements.get('shelf-library') as typeof ShelfLibrary | undefined;
if (Library) Library.defaultCatalogue ??= catalogue;

export { registerMessages } from './register.js';
