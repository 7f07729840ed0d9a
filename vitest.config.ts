import { defineConfig } from 'vitest/config';

// Three kinds of tests: pure rules (once), server tests (once per database engine) and browser journeys.
// PostgreSQL runs when TEST_POSTGRES_URL is set (CI sets it); under CI=true a suite that cannot run fails.
const serverTests = ['src/server/**/*.test.ts', 'src/cli/**/*.test.ts', 'test/**/*.test.ts'];
const postgresUrl = process.env.TEST_POSTGRES_URL;

export default defineConfig({
  test: {
    // Both cores: the server tests wait on fsync and PostgreSQL much of the time. Outside the browser journeys,
    // test files share a worker's loaded modules (isolate: false): loading the server anew for each file took more
    // time than the tests. So no test may rely on fresh module state (none mocks modules or keeps globals).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', isolate: false, include: ['src/shared/**/*.test.ts', 'src/web/**/*.test.ts'] },
      },
      // Several app nodes need a shared PostgreSQL: the scale-out test and the nodes' session cache (kept only while
      // a node hears PostgreSQL's notifications) are not SQLite's.
      {
        extends: true,
        test: {
          name: 'sqlite',
          isolate: false,
          include: serverTests,
          exclude: [
            '**/node_modules/**',
            'test/scale/scale-out.test.ts',
            'src/server/modules/auth/session-cache.test.ts',
          ],
          env: { TEST_ENGINE: 'sqlite' },
        },
      },
      ...(postgresUrl
        ? [
            {
              extends: true as const,
              // backup/restore is the SQLite tool; PostgreSQL deployments use pg_dump (README). The file fuzzing
              // and the notice parser's command touch no database, so once is enough.
              test: {
                name: 'postgres',
                isolate: false,
                include: serverTests,
                exclude: [
                  '**/node_modules/**',
                  'src/cli/backup.command.test.ts',
                  'src/server/platform/excel.fuzz.test.ts',
                  'src/cli/notice.command.test.ts',
                ],
                env: { TEST_ENGINE: 'postgres' },
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          // What the page shows after a click may take a few seconds on a busy machine (the default waits 1 s).
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
