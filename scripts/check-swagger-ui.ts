/**
 * npm run check:swagger-ui: Swagger UI in a real browser, as a developer uses it.
 * Starts the service on the embedded default (temporary data folder), opens /docs in headless
 * Chromium, checks that it loads the documented /openapi.json (and not /docs/json), shows the
 * service's title, and logs no console error and no Content-Security-Policy violation; then it
 * authorizes with the printed demo token and walks the user path of README "Swagger UI check"
 * (Tilmelding, status, history, Afmelding, GetCV, GetCVAsPdf for Anna) with "Try it out" -> "Execute",
 * then Anna's self-booking flow (GetBorgerstatus, GetSelvbookingMoedetilbud, GetSelvbookingMoedetider,
 * ReserverMoedetid, CreateBooking with the hold, GetIndkaldelser, CreateOmbooking, DeleteBooking) with the
 * prefilled examples and the ids copied from the previous answers, and, authorized again with a job centre
 * token (npm run token -- --role jobcenter --org 751), SearchCVText and GetMoedetilbudListe.
 * Needs Debian's chromium (apt-get install chromium); not part of npm test.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Locator, type Page } from 'playwright-core';
import { businessDay } from '../src/domain/clock';
import { DEMO_CITIZENS } from '../src/domain/demo-citizens';
import { OPENAPI_INFO, OPENAPI_JSON_PATH } from '../src/plugins/swagger';

// The real binary: Debian's /usr/bin/chromium is a shell wrapper playwright cannot drive.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
/** Screenshots go to .data/ (not committed). */
const SHOTS = path.resolve('.data/swagger-ui');

interface Step {
  id: string;
  expect: string;
  /** The prefilled example body's date field that must show today's date. */
  todayIn?: string;
  /** What the response body must show. */
  check?: (body: unknown) => boolean;
  screenshot?: string;
}

/** Expands an operation (by operationId) in "Try it out" mode. */
async function openOperation(page: Page, id: string): Promise<Locator> {
  const op = page.locator('.opblock').filter({ has: page.locator('.opblock-summary-operation-id', { hasText: new RegExp(`^${id}$`) }) });
  if (!(await op.locator('.opblock-body').isVisible())) await op.locator('.opblock-summary').click();
  // uiConfig.tryItOutEnabled opens operations in "Try it out" mode already.
  const tryOut = op.locator('button.try-out__btn');
  if ((await tryOut.textContent())?.includes('Try it out')) await tryOut.click();
  return op;
}

interface Answer {
  status: string;
  text: string;
  body: unknown;
}

/**
 * "Try it out" -> "Execute" as a user does it: fields left as Swagger UI prefilled them unless `fill`
 * names them (a value the user copied from an earlier answer), a new x-requestId, and the request body
 * as prefilled or as `body` makes it from the prefilled text (the user adds a copied id). Returns what
 * the response panel shows.
 */
async function tryIt(
  op: Locator,
  id: string,
  opts: { fill?: Record<string, string>; body?: (shown: Record<string, unknown>) => Record<string, unknown>; cpr?: string } = {},
): Promise<Answer> {
  const cprField = op.locator('tr[data-param-name="x-civilRegistrationIdentifier"] input');
  const want = opts.cpr ?? DEMO_CITIZENS.anna.cpr;
  const shownCpr = await cprField.inputValue();
  if (shownCpr !== want) {
    if (shownCpr !== DEMO_CITIZENS.anna.cpr) console.log(`${id}: the CPR field showed '${shownCpr}'; typing ${want}`);
    await cprField.fill(want);
  }
  await op.locator('tr[data-param-name="x-requestId"] input').fill(randomUUID());
  for (const [name, value] of Object.entries(opts.fill ?? {})) await op.locator(`tr[data-param-name="${name}"] input`).fill(value);
  if (opts.body) {
    const area = op.locator('textarea.body-param__text');
    await area.fill(JSON.stringify(opts.body(JSON.parse(await area.inputValue())), null, 2));
  }
  await op.locator('button.execute').click();
  const row = op.locator('.live-responses-table tbody .response-col_status').first();
  await row.waitFor();
  const status = (await row.textContent())?.trim() ?? '';
  const text = status === '204' ? '' : ((await op.locator('.live-responses-table .response-col_description pre').first().textContent({ timeout: 5000 }).catch(() => '')) ?? '');
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status, text, body };
}

/** The prefilled value of a parameter field. */
const shownParam = (op: Locator, name: string) => op.locator(`tr[data-param-name="${name}"] input`).inputValue();
/** The prefilled request body. */
const shownBody = async (op: Locator) => JSON.parse(await op.locator('textarea.body-param__text').inputValue()) as Record<string, unknown>;

async function main() {
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jobnet-swagger-ui-'));
  const serverEnv = { ...process.env, PORT: '0', EMBEDDED_DATA_DIR: path.join(dataDir, 'db'), AUTH_LOCAL_KEY_FILE: path.join(dataDir, 'key.pem') };
  const server = spawn(path.resolve('node_modules/.bin/tsx'), ['src/server.ts'], {
    env: serverEnv,
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
    await page.screenshot({ path: path.join(SHOTS, 'swagger-ui-top.png') });

    await page.click('button.authorize');
    await page.fill('.auth-container input', token);
    await page.click('.auth-btn-wrapper button.authorize');
    await page.click('button.btn-done');

    // On any other day too: with the browser's clock on another date, the example shows that date.
    const otherDay = await browser.newPage();
    // The browser's clock runs on from 1 March 2027 10:00 Copenhagen (a frozen clock, as playwright's
    // page.clock.setFixedTime gives, stalls Swagger UI's debounced rendering).
    await otherDay.addInitScript(
      "{ const D = Date; const off = D.parse('2027-03-01T10:00:00+01:00') - D.now(); " +
        'const F = function (...a) { return new.target ? (a.length ? new D(...a) : new D(D.now() + off)) : new D(D.now() + off).toString(); }; ' +
        'F.prototype = D.prototype; F.now = () => D.now() + off; F.parse = D.parse; F.UTC = D.UTC; window.Date = F; }',
    );
    otherDay.on('pageerror', (err) => problems.push(`page error (2027-03-01): ${err.message}`));
    otherDay.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()} (2027-03-01): ${msg.text()}`);
    });
    await otherDay.goto(`${address}/docs`);
    await otherDay.locator('.opblock-tag-section').first().waitFor();
    const shown = JSON.parse(await (await openOperation(otherDay, 'Tilmelding')).locator('textarea.body-param__text').inputValue());
    if (shown.tilmeldingsdato !== '2027-03-01') throw new Error(`on 1 March 2027 the Tilmelding example shows ${shown.tilmeldingsdato}`);
    console.log(`Tilmelding example with the browser's clock on 2027-03-01: tilmeldingsdato ${shown.tilmeldingsdato}`);
    const reserverShown = JSON.parse(await (await openOperation(otherDay, 'ReserverMoedetid')).locator('textarea.body-param__text').inputValue());
    // 1 March 2027 is a Monday: the first weekday after it is Tuesday 2 March, 09:00 Copenhagen winter time.
    if (reserverShown.moedeStarttidspunkt !== '2027-03-02T09:00:00.000+01:00') throw new Error(`on 1 March 2027 the ReserverMoedetid example shows ${reserverShown.moedeStarttidspunkt}`);
    console.log(`ReserverMoedetid example with the browser's clock on 2027-03-01: moedeStarttidspunkt ${reserverShown.moedeStarttidspunkt}`);
    await otherDay.close();

    // The user path of issue 6 and 8, each step as a Swagger UI user does it: open the operation,
    // type the citizen's CPR (the field is prefilled with Anna's) and a new x-requestId, leave the
    // prefilled example body as it is (Swagger UI shows today's date in it), Execute, and read the
    // status in the response panel.
    const today = businessDay(new Date());
    const steps: Step[] = [
      { id: 'GetJobagenter', expect: '200' },
      { id: 'Tilmelding', expect: '201', todayIn: 'tilmeldingsdato', screenshot: 'swagger-ui-tilmelding.png' },
      { id: 'GetTilmeldingsstatus', expect: '200', check: (b) => (b as { tilmeldt?: boolean }).tilmeldt === true },
      { id: 'GetTilmeldingshistorik', expect: '200', check: (b) => (b as { perioder?: unknown[] }).perioder?.length === 1 },
      { id: 'Afmelding', expect: '200', todayIn: 'afmeldingsdato' },
      { id: 'GetTilmeldingsstatus', expect: '200', check: (b) => (b as { tilmeldt?: boolean }).tilmeldt === false },
      { id: 'GetCV', expect: '200' },
      { id: 'GetCVAsPdf', expect: '200' },
    ];
    const results: string[] = [];
    for (const step of steps) {
      const op = await openOperation(page, step.id);
      const cpr = op.locator('tr[data-param-name="x-civilRegistrationIdentifier"] input');
      const shown = await cpr.inputValue();
      if (shown !== DEMO_CITIZENS.anna.cpr) {
        console.log(`${step.id}: the CPR field showed '${shown}'; typing Anna's`);
        await cpr.fill(DEMO_CITIZENS.anna.cpr);
      }
      await op.locator('tr[data-param-name="x-requestId"] input').fill(randomUUID());
      if (step.todayIn) {
        // The user executes the prefilled example unchanged: its date must already be today's.
        const example = JSON.parse(await op.locator('textarea.body-param__text').inputValue());
        if (example[step.todayIn] !== today) throw new Error(`${step.id}: the example's ${step.todayIn} is ${example[step.todayIn]}, not today (${today})`);
      }
      await op.locator('button.execute').click();
      const row = op.locator('.live-responses-table tbody .response-col_status').first();
      await row.waitFor();
      const status = (await row.textContent())?.trim();
      const text = (await op.locator('.live-responses-table .response-col_description .microlight').first().textContent().catch(() => '')) ?? '';
      let note = '';
      if (step.check) {
        const ok = (() => {
          try {
            return step.check!(JSON.parse(text));
          } catch {
            return false;
          }
        })();
        note = ok ? ' (body as expected)' : ' (body NOT as expected)';
        if (!ok) problems.push(`${step.id}: unexpected body ${text.slice(0, 300)}`);
      }
      if (step.id === 'GetCVAsPdf') {
        // Swagger UI shows a binary response as a download link.
        const link = await op.locator('.live-responses-table a[download]').count();
        note = link > 0 ? ' (download link to the PDF)' : ' (no download link)';
        if (link === 0) problems.push('GetCVAsPdf: the response panel shows no download link');
      }
      if (step.screenshot) {
        await op.scrollIntoViewIfNeeded();
        await op.locator('.responses-inner > div').first().screenshot({ path: path.join(SHOTS, step.screenshot) });
      }
      results.push(`${step.id} -> HTTP ${status}${note}`);
      console.log(`Try it out ${step.id} -> HTTP ${status}${note}; body starts ${text.replace(/\s+/g, ' ').slice(0, 100)}`);
      if (status !== step.expect) throw new Error(`${step.id}: expected HTTP ${step.expect}, got ${status}: ${text.slice(0, 500)}`);
      // Close it again so the next operation's panel is the only one open.
      await op.locator('.opblock-summary').click();
    }
    // The documented error examples: each status shows its own (components.examples, by $ref).
    const tilmelding = await openOperation(page, 'Tilmelding');
    for (const [code, fejlkode] of [['400', 1014], ['401', null], ['403', 4575], ['412', null]] as const) {
      const example = await tilmelding.locator(`.responses-table tr.response[data-code="${code}"] .microlight`).first().textContent();
      const shown = JSON.parse(example ?? '{}');
      if (shown.status !== Number(code) || (shown.fejl[0]?.fejlkode ?? null) !== fejlkode) throw new Error(`Tilmelding's ${code} example shows ${example}`);
    }
    console.log('Tilmelding\'s documented 400, 401, 403 and 412 examples show their own status and fejlkode');
    await tilmelding.locator('.opblock-summary').click();

    // The self-booking flow of issue 7 for Anna, as a user walks it: the prefilled examples (Swagger UI
    // moves their times to the first weekday after today, where the demo data always has the slot) and
    // the ids a previous answer showed, copied into the next form.
    type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const step = async (
      id: string,
      expect: string,
      opts: Parameters<typeof tryIt>[2] & { before?: (op: Locator) => Promise<void>; screenshot?: string } = {},
    ): Promise<Json> => {
      const op = await openOperation(page, id);
      if (opts.before) await opts.before(op);
      const answer = await tryIt(op, id, opts);
      console.log(`Try it out ${id} -> HTTP ${answer.status}; body starts ${answer.text.replace(/\s+/g, ' ').slice(0, 160)}`);
      if (opts.screenshot) {
        // What the user filled in (parameters and body) and the answer Swagger UI shows.
        const requestBody = op.locator('.opblock-section-request-body');
        const request = (await requestBody.count()) > 0 ? requestBody : op.locator('.parameters-container');
        await request.screenshot({ path: path.join(SHOTS, opts.screenshot.replace('.png', '-request.png')) });
        await op.locator('.responses-inner > div').first().screenshot({ path: path.join(SHOTS, opts.screenshot.replace('.png', '-response.png')) });
      }
      results.push(`${id} -> HTTP ${answer.status}`);
      if (answer.status !== expect) throw new Error(`${id}: expected HTTP ${expect}, got ${answer.status}: ${answer.text.slice(0, 500)}`);
      await op.locator('.opblock-summary').click();
      return (answer.body ?? {}) as Json;
    };
    const status = await step('GetBorgerstatus', '200');
    if (status.kanSelvbooke !== true) throw new Error(`GetBorgerstatus: Anna cannot self-book: ${JSON.stringify(status)}`);
    const tilbud = await step('GetSelvbookingMoedetilbud', '200');
    const jobsamtale = (tilbud.moedetilbud as Json[]).find((t) => t.samtaleType === 1);
    if (!jobsamtale) throw new Error(`GetSelvbookingMoedetilbud shows no Jobsamtale offer: ${JSON.stringify(tilbud).slice(0, 300)}`);
    const moedetilbudId = jobsamtale.moedetilbudId as string;
    console.log(`  offer to copy: ${moedetilbudId} (${jobsamtale.moedetitel})`);
    // The time the ReserverMoedetid example shows, to look for among the slots.
    const reserver = await openOperation(page, 'ReserverMoedetid');
    const eksempelTid = (await shownBody(reserver)).moedeStarttidspunkt as string;
    await reserver.locator('.opblock-summary').click();
    let interval = '';
    const tider = await step('GetSelvbookingMoedetider', '200', {
      fill: { moedetilbudId },
      before: async (op) => {
        interval = `${await shownParam(op, 'startMoedetidsinterval')} .. ${await shownParam(op, 'slutMoedetidsinterval')}`;
      },
    });
    const slot = (tider.moedetider as Json[]).find((m) => Date.parse(m.starttidspunkt) === Date.parse(eksempelTid));
    console.log(`  prefilled interval ${interval}: ${(tider.moedetider as Json[]).length} slots; the booking example's time ${eksempelTid} is ${slot ? 'one of them' : 'NOT one of them'}`);
    if (!slot) throw new Error(`the ReserverMoedetid example's time ${eksempelTid} is not a free slot of the offer`);
    const hold = await step('ReserverMoedetid', '201', { fill: { moedetilbudId }, screenshot: 'swagger-ui-reserver.png' });
    const booking = await step('CreateBooking', '201', {
      fill: { moedetilbudId },
      // The user adds the hold's id to the prefilled body (its time is the one just reserved).
      body: (shown) => ({ ...shown, reservationId: hold.reservationId }),
      screenshot: 'swagger-ui-createbooking.png',
    });
    const indkaldelseId = booking.indkaldelseId as string;
    const indkaldelser = await step('GetIndkaldelser', '200');
    const moede = (indkaldelser.indkaldelser as Json[] | undefined)?.find((i) => i.indkaldelseId === indkaldelseId);
    if (!moede) throw new Error(`GetIndkaldelser does not show the booked meeting ${indkaldelseId}: ${JSON.stringify(indkaldelser).slice(0, 300)}`);
    console.log(`  the booked meeting starts ${moede.moedeStarttidspunkt}`);
    await step('CreateOmbooking', '204', { fill: { indkaldelseId }, screenshot: 'swagger-ui-ombooking.png' });
    const efter = await step('GetIndkaldelser', '200');
    const ombooket = (efter.indkaldelser as Json[]).find((i) => i.indkaldelseId === indkaldelseId);
    console.log(`  after CreateOmbooking the meeting starts ${ombooket?.moedeStarttidspunkt}`);
    if (!ombooket || ombooket.moedeStarttidspunkt === moede.moedeStarttidspunkt) throw new Error('CreateOmbooking did not move the meeting');
    await step('DeleteBooking', '204', { fill: { indkaldelseId } });
    const slut = await step('GetIndkaldelser', '200');
    if ((slut.indkaldelser as Json[]).some((i) => i.indkaldelseId === indkaldelseId)) throw new Error('DeleteBooking: the meeting is still listed');
    console.log('  after DeleteBooking the meeting is gone from GetIndkaldelser');

    // A job centre user (npm run token -- --role jobcenter --org 751): CV search and a planning read.
    const jobcenterToken = execFileSync(path.resolve('node_modules/.bin/tsx'), ['scripts/token.ts', '--role', 'jobcenter', '--org', '751'], { env: serverEnv, encoding: 'utf8' }).trim();
    await page.click('button.authorize');
    await page.click('.auth-btn-wrapper button:has-text("Logout")');
    await page.fill('.auth-container input', jobcenterToken);
    await page.click('.auth-btn-wrapper button.authorize');
    await page.click('button.btn-done');
    const soeg = await step('SearchCVText', '200', { screenshot: 'swagger-ui-soeg.png' });
    console.log(`  the prefilled search finds ${soeg.antalResultater} CV(s)`);
    if (!(soeg.antalResultater > 0)) problems.push(`SearchCVText: the prefilled example finds no demo CV: ${JSON.stringify(soeg).slice(0, 300)}`);
    const liste = await step('GetMoedetilbudListe', '200');
    console.log(`  GetMoedetilbudListe (org 751) lists ${(liste.moedetilbud as unknown[] | undefined)?.length ?? '?'} offers`);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SHOTS, 'swagger-ui-operations.png'), fullPage: true });
    console.log(`Screenshots in ${SHOTS}: swagger-ui-tilmelding.png, swagger-ui-operations.png, swagger-ui-{reserver,createbooking,ombooking,soeg}-{request,response}.png`);
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
