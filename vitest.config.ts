import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each project is one way the suite runs; API tests run twice, on the embedded file and on sqld.
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/content/**/*.test.ts'],
          env: { LOG_LEVEL: 'warn' },
          testTimeout: 120_000,
        },
      },
      { test: { name: 'api-file', include: ['tests/api/**/*.test.ts'], env: { TEST_DB: 'file', LOG_LEVEL: 'warn' }, testTimeout: 30_000 } },
      { test: { name: 'api-sqld', include: ['tests/api/**/*.test.ts'], env: { TEST_DB: 'sqld', LOG_LEVEL: 'warn' }, testTimeout: 30_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
