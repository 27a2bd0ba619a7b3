/**
 * `npm run bench:server [-- --reports N --clients C --requests R]`: the benchmark
 * (bench/server.ts) with the arguments given, then the replica check
 * (test/server/replica.check.ts). npm puts the arguments after `--` at the end of the script's
 * line, so in one line of two commands they reached the second, not the benchmark.
 */
import { spawnSync } from 'node:child_process';

const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;
const source = ['--import', 'tsx', '--conditions', 'source'];
const code = run(['--max-old-space-size=12000', ...source, 'bench/server.ts', ...process.argv.slice(2)]);
process.exit(code || run([...source, '--test', '--test-reporter=spec', 'test/server/replica.check.ts']));
