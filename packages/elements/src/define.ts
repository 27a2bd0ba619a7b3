/**
 * Registers every Reportshelf element. Import this module once for its side effect; registering
 * twice (two copies of the script on one page) is harmless.
 */
import { defineAll } from './index.js';

defineAll();
