import { main } from './cli.js';

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Whatever went wrong, a curator sees one line, not a stack trace.
  process.stderr.write(`reportshelf: ${(error as Error)?.message ?? String(error)}\n`);
  process.exitCode = 1;
}
