/** `npm run analyze`: custom-elements.json from the elements' JSDoc, for editors, docs and Storybook. */

/**
 * Every element reads the shared theme tokens, but only shelf-library documents them; copy them to
 * each element's entry so that each docs page lists what restyles it.
 */
function sharedTokens() {
  return {
    name: 'reportshelf-shared-tokens',
    packageLinkPhase({ customElementsManifest }) {
      const declarations = customElementsManifest.modules.flatMap((m) => m.declarations ?? []);
      const library = declarations.find((d) => d.tagName === 'shelf-library');
      const shared = (library?.cssProperties ?? []).filter((p) => p.name.startsWith('--shelf-color-') || ['--shelf-font-family', '--shelf-font-size', '--shelf-radius', '--shelf-space', '--shelf-duration'].includes(p.name));
      for (const d of declarations) {
        if (!d.tagName || d === library) continue;
        const own = new Set((d.cssProperties ?? []).map((p) => p.name));
        d.cssProperties = [...(d.cssProperties ?? []), ...shared.filter((p) => !own.has(p.name))];
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [sharedTokens()],
};
