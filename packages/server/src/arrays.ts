/** Typed arrays that grow as rows are read (the server's columns and postings). */

/** An array at least `size` long: this one, or a copy twice as long (or `size`). */
export const grow = <T extends Uint32Array | Int32Array | Uint16Array | Uint8Array | Float32Array | Float64Array>(
  array: T,
  size: number,
): T => {
  if (size <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
};
