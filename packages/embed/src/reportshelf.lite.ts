/** The drop-in file without a bundled catalogue, for pages that give `src`. */
import { defineAll } from '@reportshelf/elements';

defineAll();
