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
      const shared = (library?.cssProperties ?? []).filter(
        (p) =>
          p.name.startsWith('--shelf-color-') ||
          ['--shelf-font-family', '--shelf-font-size', '--shelf-radius', '--shelf-space', '--shelf-duration'].includes(
            p.name,
          ),
      );
      for (const d of declarations) {
        if (!d.tagName || d === library) continue;
        const own = new Set((d.cssProperties ?? []).map((p) => p.name));
        d.cssProperties = [...(d.cssProperties ?? []), ...shared.filter((p) => !own.has(p.name))];
      }
    },
  };
}

/**
 * The analyzer reads `static properties` entries with `state: true` as attributes, and lists
 * private and protected members. Internal state is always private or protected here: keep it out.
 */
function internalState() {
  return {
    name: 'reportshelf-internal-state',
    packageLinkPhase({ customElementsManifest }) {
      for (const d of customElementsManifest.modules.flatMap((m) => m.declarations ?? [])) {
        if (!d.tagName) continue;
        const internal = new Set(
          (d.members ?? []).filter((m) => m.privacy === 'private' || m.privacy === 'protected').map((m) => m.name),
        );
        d.attributes = (d.attributes ?? []).filter((a) => !internal.has(a.fieldName ?? a.name));
        // Internals are not part of the API a page or the docs should see.
        d.members = (d.members ?? []).filter((m) => !internal.has(m.name));
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
  plugins: [sharedTokens(), internalState()],
};
