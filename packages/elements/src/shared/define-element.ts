/** The version stamped on every class this copy registers (`ShelfLibrary.version`), to tell two copies of Reportshelf apart. */
export const VERSION = '0.1.0';

const warned = new Set<string>();

/**
 * Defines a tag unless it is already defined. Partner pages do load scripts twice; a second copy
 * of the same version is silently harmless, another version is named once in a warning. Where
 * there is no registry (a server rendering the page), it does nothing.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor & { version?: string }): void {
  // A server without a custom element registry (no DOM, no Lit shim): nothing to register.
  if (typeof customElements == 'undefined') return;
  const existing = customElements.get(tag) as (CustomElementConstructor & { version?: string }) | undefined;
  // The version is stamped on the class as it is registered (no class need say it).
  const version = (constructor.version ??= VERSION);
  if (!existing) {
    customElements.define(tag, constructor);
    return;
  }
  if (existing !== constructor && existing.version !== version && !warned.has(tag)) {
    warned.add(tag);
    console.warn(
      `<${tag}> is already defined by Reportshelf ${existing.version ?? '(unknown version)'}; this copy (${version}) was not registered.`,
    );
  }
}
