/**
 * A `node --test` reporter that fails the run when a test file ran no test, or when a test was
 * skipped or left as a todo: node:test reports those as ok, so a suite emptied by mistake, or a
 * test switched off, would pass in silence. Used beside the spec reporter by the npm scripts
 * test:node, test:e2e and test:wordpress.
 */
export default async function* everyTestRan(source) {
  /** Tests run per file, by the file's path. */
  const ran = new Map();
  const problems = [];
  for await (const { type, data } of source) {
    if (!data?.file) continue;
    if (type === 'test:enqueue' && data.name === data.file && !ran.has(data.file)) ran.set(data.file, 0);
    if ((type === 'test:pass' || type === 'test:fail') && data.name !== data.file) {
      ran.set(data.file, (ran.get(data.file) ?? 0) + 1);
      if (data.skip !== undefined) problems.push(`${data.file}: "${data.name}" was skipped`);
      if (data.todo !== undefined) problems.push(`${data.file}: "${data.name}" is a todo`);
    }
  }
  for (const [file, count] of ran) if (count === 0) problems.push(`${file}: ran no test`);
  if (problems.length === 0) return;
  process.exitCode = 1;
  yield `\nEvery test must run:\n${problems.map((problem) => `  ${problem}\n`).join('')}`;
}
