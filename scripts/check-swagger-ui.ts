/**
 * npm run check:swagger-ui: Swagger UI in a real browser, as a developer uses it.
 * Starts the service on the embedded default (temporary data folder), opens /docs in headless
 * Chromium, authorizes with the printed demo token, and runs "Try it out" -> "Execute" on
 * GetJobagenter. Needs Debian's chromium (apt-get install chromium); not part of npm test.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_CITIZENS } from '../src/db/demo-data';

// The real binary: Debian's /usr/bin/chromium is a shell wrapper playwright cannot drive.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jobnet-swagger-ui-'));
  const server = spawn(path.resolve('node_modules/.bin/tsx'), ['src/server.ts'], {
    env: { ...process.env, PORT: '0', EMBEDDED_DATA_DIR: path.join(dataDir, 'db'), AUTH_LOCAL_KEY_FILE: path.join(dataDir, 'key.pem') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  server.stdout!.on('data', (c) => (out += c));
  // playwright starts Chromium with a fresh temporary profile.
  const browser = await chromium
    .launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    .catch((err) => {
      server.kill('SIGTERM');
      throw err;
    });
  try {
    const started = Date.now();
    while (!/\n(ey[\w-]+\.[\w-]+\.[\w-]+)\n/.test(out)) {
      if (Date.now() - started > 60_000) throw new Error(`server did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const address = /"address":"(http:\/\/[^"]+)"/.exec(out)![1];
    const token = /\n(ey[\w-]+\.[\w-]+\.[\w-]+)\n/.exec(out)![1];

    const page = await browser.newPage();
    await page.goto(`${address}/docs`);
    await page.locator('.opblock-tag-section').first().waitFor();
    const operations = await page.locator('.opblock-summary-operation-id').allTextContents();
    console.log(`Swagger UI lists ${operations.length} operations: ${operations.join(', ')}`);

    await page.click('button.authorize');
    await page.fill('.auth-container input', token);
    await page.click('.auth-btn-wrapper button.authorize');
    await page.click('button.btn-done');

    const op = page.locator('#operations-Jobagent-GetJobagenter');
    await op.locator('.opblock-summary').click();
    // uiConfig.tryItOutEnabled opens operations in "Try it out" mode already.
    const tryOut = op.locator('button.try-out__btn');
    if ((await tryOut.textContent())?.includes('Try it out')) await tryOut.click();
    await op.locator('tr[data-param-name="x-civilRegistrationIdentifier"] input').fill(DEMO_CITIZENS.anna.cpr);
    await op.locator('tr[data-param-name="x-requestId"] input').fill(randomUUID());
    await op.locator('button.execute').click();
    const status = (await op.locator('.live-responses-table tbody .response-col_status').first().textContent())?.trim();
    const body = await op.locator('.live-responses-table .microlight').first().textContent();
    await page.screenshot({ path: path.join(os.tmpdir(), 'swagger-ui.png'), fullPage: false });
    console.log(`Try it out GetJobagenter -> HTTP ${status}; body starts ${body?.slice(0, 80)}`);
    console.log(`Screenshot: ${path.join(os.tmpdir(), 'swagger-ui.png')}`);
    if (status !== '200') throw new Error(`expected 200, got ${status}`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
