import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.electron.ts',
  outputDir: '../artifacts/electron-results',
  timeout: 120_000,
  workers: 1,
  reporter: [['list']],
});
