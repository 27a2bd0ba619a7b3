/**
 * `prepack` of each published package (run by `npm pack` and `npm publish` in the package's
 * folder): copies the repository's LICENSE in, so that every tarball carries it, and checks that
 * the built files given as arguments are there, so that a package is never packed unbuilt.
 */
import { copyFileSync, existsSync } from 'node:fs';

const missing = process.argv.slice(2).filter((file) => !existsSync(file));
if (missing.length) {
  console.error(`Not packed: ${missing.join(', ')} missing in ${process.cwd()}. Run \`npm run build\` first.`);
  process.exit(1);
}
copyFileSync(new URL('../LICENSE', import.meta.url), 'LICENSE');
