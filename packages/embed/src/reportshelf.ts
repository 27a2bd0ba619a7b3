/**
 * The drop-in file: every element, with the default catalogue bundled, registered on load.
 * `<script src="reportshelf.js"></script><shelf-library></shelf-library>` is all a page needs.
 */
import catalogue from '../../../data/catalogue.json';
import { defineAll, ShelfLibrary } from '@reportshelf/elements';

ShelfLibrary.defaultCatalogue ??= catalogue;
defineAll();
