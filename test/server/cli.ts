/** The arguments that run the reportshelf command from its source: `spawn(process.execPath, fromSource('serve', …))`. */
export const fromSource = (...args: string[]): string[] => [
  '--import',
  'tsx',
  '--conditions',
  'source',
  new URL('../../packages/cli/src/bin.ts', import.meta.url).pathname,
  ...args,
];
