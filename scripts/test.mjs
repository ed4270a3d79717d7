// `npm test`: every check, in order, stopping at the first stage that fails: lint, typecheck,
// build, unit and integration tests (Vitest), browser tests (Playwright). It ends with one line
// counting the tests of both runners, skipped ones included, so a skipped test is never read as passed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const reports = 'test-results/reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const stages = [
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/vitest.json`]],
  ['e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright.json` }],
];

const only = process.argv.slice(2);
let failedStage;
for (const [name, command, args, env] of stages) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    failedStage = name;
    break;
  }
}

const counts = { passed: 0, failed: 0, skipped: 0 };
const vitest = readJson(`${reports}/vitest.json`);
if (vitest) {
  counts.passed += vitest.numPassedTests ?? 0;
  counts.failed += vitest.numFailedTests ?? 0;
  counts.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  for (const skip of vitestSkips(vitest.testResults ?? [])) console.log(`skipped: ${skip}`);
}
const playwright = readJson(`${reports}/playwright.json`);
if (playwright?.stats) {
  counts.passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
  counts.failed += playwright.stats.unexpected ?? 0;
  counts.skipped += playwright.stats.skipped ?? 0;
  for (const skip of collectSkips(playwright.suites ?? [])) console.log(`skipped: ${skip}`);
}
if (failedStage) console.log(`\nstage '${failedStage}' failed`);
console.log(`\ntests: ${counts.passed} passed, ${counts.failed + (failedStage && counts.failed === 0 ? 1 : 0)} failed, ${counts.skipped} skipped`);
process.exit(failedStage ? 1 : 0);

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

/** "file > title" for each skipped (or todo: counted with them above) Vitest test (its title says why: Vitest's report keeps no skip note). */
function vitestSkips(files) {
  return files.flatMap((file) =>
    (file.assertionResults ?? []).filter((test) => ['skipped', 'pending', 'todo'].includes(test.status)).map((test) => `${file.name.replace(`${process.cwd()}/`, '')} > ${test.fullName}`),
  );
}

/** "title: reason" for each skipped Playwright test, so the reason is in the log. */
function collectSkips(suites, trail = []) {
  const out = [];
  for (const suite of suites) {
    const path = [...trail, suite.title].filter(Boolean);
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'skipped') continue;
        const reason = test.annotations?.find((a) => a.type === 'skip')?.description ?? 'no reason given';
        out.push(`${[...path, spec.title].join(' > ')}: ${reason}`);
      }
    }
    out.push(...collectSkips(suite.suites ?? [], path));
  }
  return out;
}
