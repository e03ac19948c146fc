/**
 * npm run check:swagger-ui: Swagger UI in a real browser, as a developer uses it.
 * Starts the service on the embedded default (temporary data folder), opens /docs in headless
 * Chromium, checks that it loads the documented /openapi.json (and not /docs/json), shows the
 * service's title, and logs no console error and no Content-Security-Policy violation; then it
 * authorizes with the printed demo token and runs "Try it out" -> "Execute" on GetJobagenter.
 * Needs Debian's chromium (apt-get install chromium); not part of npm test.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_CITIZENS } from '../src/domain/demo-citizens';
import { OPENAPI_INFO, OPENAPI_JSON_PATH } from '../src/plugins/swagger';

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
    // The token is printed just before the "listening" log line with the address: wait for both.
    while (!/\n(ey[\w-]+\.[\w-]+\.[\w-]+)\n/.test(out) || !/"address":"http/.test(out)) {
      if (Date.now() - started > 60_000) throw new Error(`server did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const address = /"address":"(http:\/\/[^"]+)"/.exec(out)![1];
    const token = /\n(ey[\w-]+\.[\w-]+\.[\w-]+)\n/.exec(out)![1];

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    // A CSP violation is also a console error in Chromium; the event names the directive.
    await page.addInitScript(
      "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')'));",
    );
    const requested: string[] = [];
    page.on('request', (req) => requested.push(new URL(req.url()).pathname));

    await page.goto(`${address}/docs`);
    await page.locator('.opblock-tag-section').first().waitFor();
    const operations = await page.locator('.opblock-summary-operation-id').allTextContents();
    console.log(`Swagger UI lists ${operations.length} operations: ${operations.join(', ')}`);

    const specs = requested.filter((p) => /json|yaml/.test(p) && !p.startsWith('/docs/static/'));
    console.log(`Specification requested: ${specs.join(', ')}`);
    if (specs.join() !== OPENAPI_JSON_PATH) throw new Error(`expected Swagger UI to load only ${OPENAPI_JSON_PATH}, got ${specs.join(', ')}`);
    const title = await page.title();
    console.log(`Page title: ${title}`);
    if (title !== OPENAPI_INFO.title) throw new Error(`expected the page title ${OPENAPI_INFO.title}, got ${title}`);
    const logo = page.locator('.topbar-wrapper a.link img');
    await logo.waitFor();
    const logoSvg = Buffer.from((await logo.getAttribute('src'))!.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString('utf8');
    if (!logoSvg.includes(`>${OPENAPI_INFO.title}</text>`)) throw new Error(`the top bar does not show ${OPENAPI_INFO.title}: ${logoSvg}`);
    if ((await page.locator('.topbar-wrapper a.link svg').count()) > 0) throw new Error('the top bar still shows the Swagger logo');
    console.log(`Top bar shows: ${OPENAPI_INFO.title}`);
    await page.screenshot({ path: path.join(os.tmpdir(), 'swagger-ui-top.png') });

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
    if (problems.length > 0) throw new Error(`the browser console is not clean:\n${problems.join('\n')}`);
    console.log('Browser console: no errors, no warnings, no CSP violations');
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
