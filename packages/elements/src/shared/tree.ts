/** The parent of a node, stepping out of a shadow root to its host. */
export const parentAcrossShadow = (node: Node): Node | null =>
  node.parentNode instanceof ShadowRoot ? node.parentNode.host : node.parentNode;

/**
 * The first answer `pick` gives for an element from `from` up through its ancestors, across
 * shadow roots; null when none gives one. The one walk up the tree that language, direction,
 * theme and the library lookup all use.
 */
export function closestAcross<T>(from: Node | null, pick: (element: Element) => T | null | undefined): T | null {
  for (let node = from; node; node = parentAcrossShadow(node)) {
    const found = node instanceof Element ? pick(node) : null;
    if (found != null) return found;
  }
  return null;
}
