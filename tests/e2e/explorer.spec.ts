// End-to-end tests of the explorer: first load, Arabic search rules, deep links, history,
// empty and error states. Run against the release build in dist/ (see playwright.config.ts).
import { test, expect, watch, appReady } from './fixtures';
import type { Page } from '@playwright/test';

const BUNDLE = '**/data/bundle.json';

/** Fails the test on any console error, page error or request leaving the origin. */
async function search(page: Page, text: string) {
  const box = page.locator('input[type="search"][name="q"]');
  await box.fill('');
  await box.pressSequentially(text);
}

test('first load shows the cards in Arabic, right to left', async ({ page, baseURL }) => {
  const problems = watch(page, { consoleErrors: true });
  const fonts: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.includes('/fonts/') && !r.serviceWorker()) fonts.push(r.url());
  });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const cards = page.locator('article.card');
  await expect(cards.first()).toBeVisible();
  // A first visit (no service worker controls the page yet) uses the system's Arabic font
  // and the page downloads no font; pwa.spec checks that a later visit uses the self-hosted one.
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => document.documentElement.hasAttribute('data-fonts'))).toBe(false);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).not.toContain('Plex');
  expect(fonts).toEqual([]);
  // All 73 records are listed; the list is virtualised, so only a screenful is in the DOM.
  await expect(page.locator('ul.cards')).toHaveAttribute('data-total', '73');
  await expect(page.locator('#results-count')).toContainText('73');
  expect(await cards.count()).toBeLessThan(40);
  // Every kind is there, and every card cites at least one source, except sources themselves.
  for (const kind of ['event', 'figure', 'person', 'organization', 'place', 'source']) {
    await page.goto(`/?kind=${kind}`);
    await expect(page.locator(`article.card[data-kind="${kind}"]`).first()).toBeVisible();
    const uncited = await page.locator('article.card:not([data-kind="source"]):not(:has(.sources))').count();
    expect(uncited, kind).toBe(0);
  }
  await page.goto('/');
  await expect(cards.first()).toBeVisible();
  expect(problems).toEqual([]);
});

const QUERIES: Array<[string, string, string]> = [
  ['diacritics', 'مُرَّاكُش', 'marrakech'],
  ['hamza variant', 'الانتربول', 'interpol'],
  ['hamza above', 'أنتربول', 'interpol'],
  ['ta marbuta variant', 'طنجه', 'tangier'],
  ['hamza on the other seat', 'الشئون', 'global-affairs-canada'],
  ['Arabic-Indic digits', '٢١٤', 'ma-terror-cells-dismantled-2002-2021'],
  ['Arabic-Indic year', '٢٠٢٣', 'arab-police-chiefs-tangier-2023'],
  ['Latin script place', 'Glasgow', 'interpol-ga-92-glasgow-2024'],
  ['Latin script person', 'Hammouchi', 'abdellatif-hammouchi'],
  ['clitic and article', 'والإنتربول', 'interpol'],
  ['number as the app shows it, in groups', '4 304', 'ma-terror-persons-prosecuted-2002-2021'],
  ['compound name in one word', 'عبداللطيف', 'abdellatif-hammouchi'],
  ['compound name in Latin, apart', 'Nour ad-Din', 'noureddine-bazine'],
];

for (const [rule, query, id] of QUERIES) {
  test(`search (${rule}): «${query}» finds ${id}`, async ({ page, baseURL }) => {
    const problems = watch(page, { consoleErrors: true });
    await page.goto('/');
    await expect(page.locator('article.card').first()).toBeVisible();
    await search(page, query);
    await expect(page.locator(`article.card[data-id="${id}"]`)).toBeVisible();
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(page.locator('#results-count')).not.toBeEmpty();
    expect(problems).toEqual([]);
  });
}

test('matches are highlighted in the original text', async ({ page }) => {
  await page.goto('/?q=' + encodeURIComponent('الانتربول'));
  const card = page.locator('article.card[data-id="interpol"]');
  await expect(card).toBeVisible();
  const marked = await card.locator('.card-title mark').first().textContent();
  expect(marked).toBe('الإنتربول'); // the data's spelling, not the query's
});

test('a figure found by its number in words has its value marked', async ({ page }) => {
  await page.goto('/?q=' + encodeURIComponent('سبعين دولة'));
  const card = page.locator('article.card[data-id="gc-marrakech-2022-countries-achkayen"]');
  await expect(card).toBeVisible();
  await expect(card.locator('.figure-value .hit')).toHaveText('70');
  // Another query that finds it by a word leaves the value unmarked.
  await page.goto('/?q=' + encodeURIComponent('أشكاين'));
  await expect(card).toBeVisible();
  await expect(card.locator('.figure-value .hit')).toHaveCount(0);
});

test("a person's page gives the role once, under the name", async ({ page }) => {
  for (const lang of ['en', 'ar']) {
    await page.goto(`/?lang=${lang}&id=abdellatif-hammouchi`);
    const page_ = page.locator('article.detail[data-id="abdellatif-hammouchi"]');
    const role = (await page_.locator(':scope > .card-meta').innerText()).trim();
    expect(role.length).toBeGreaterThan(10);
    expect((await page_.innerText()).split(role).length - 1, lang).toBe(1);
  }
});

test('a card found through a record it links to names that record', async ({ page }) => {
  // «FBI» is written nowhere in the 2019 meeting's card: the FBI co-organised it.
  await page.goto('/?lang=en&q=FBI');
  const meeting = page.locator('article.card[data-id="gc-2019"]');
  await expect(meeting.locator('.badge.via')).toHaveText('Via FBI');
  await expect(meeting.locator('mark')).toHaveCount(1);
  // The FBI's own card is marked where it says FBI, and needs no such badge.
  await expect(page.locator('article.card[data-id="fbi"] .card-title mark').first()).toBeVisible();
  await expect(page.locator('article.card[data-id="fbi"] .badge.via')).toHaveCount(0);
  await page.goto('/?q=FBI');
  await expect(meeting.locator('.badge.via')).toHaveText('عبر FBI');
  // No query, no badge.
  await page.goto('/?lang=en');
  await expect(page.locator('.badge.via')).toHaveCount(0);
});

test("a person found by a role, an organisation by its acronym: the card's line marks it", async ({ page }) => {
  await page.goto('/?lang=en&q=' + encodeURIComponent('director general'));
  const chief = page.locator('article.card[data-id="abdellatif-hammouchi"] .card-meta');
  await expect(chief).toBeVisible();
  await expect(chief.locator('mark')).toHaveText(['Director', 'General']);
  await page.goto('/?q=' + encodeURIComponent('المدير العام'));
  await expect(chief.locator('mark')).toHaveText(['المدير', 'العام']);
  await page.goto('/?q=DGST');
  await expect(page.locator('article.card[data-id="dgst"] .card-meta mark')).toHaveText('DGST');
  // Found by the name, the line is not marked.
  await page.goto('/?q=' + encodeURIComponent('حموشي'));
  await expect(page.locator('article.card[data-id="abdellatif-hammouchi"] .card-title mark')).not.toHaveCount(0);
  await expect(chief.locator('mark')).toHaveCount(0);
});

test('a compound name searched in two words is highlighted whole where the data writes one', async ({ page }) => {
  // The data writes نورالدين and Abdellatif; the reader types them apart.
  const marked = (id: string) =>
    page
      .locator(`article.card[data-id="${id}"] .card-title mark`)
      .evaluateAll((ms) => ms.map((m) => m.textContent).join(''));
  await page.goto('/?q=' + encodeURIComponent('نور الدين'));
  await expect(page.locator('article.card').first()).toHaveAttribute('data-id', 'noureddine-bazine');
  expect(await marked('noureddine-bazine')).toBe('نورالدين');
  // After a preposition too: «مقال لنورالدين بازين».
  expect(await marked('bazine-2024-11')).toBe('لنورالدين');
  await page.goto('/?lang=en&q=' + encodeURIComponent('Abdel Latif'));
  await expect(page.locator('article.card').first()).toHaveAttribute('data-id', 'abdellatif-hammouchi');
  expect(await marked('abdellatif-hammouchi')).toBe('Abdellatif');
});

test('as-you-type: a prefix already finds the record', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('article.card').first()).toBeVisible();
  await search(page, 'مراك');
  await expect(page.locator('article.card[data-id="marrakech"]')).toBeVisible();
});

test('a first letter, or the article alone, keeps the list and asks for the next letter', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('article.card').first()).toBeVisible();
  const count = page.locator('#results-count');
  for (const start of ['م', 'ال']) {
    await search(page, start);
    // Mid-word is not "no results": the whole list stays, with a word to keep typing.
    await expect(count).toContainText('أكمل الكلمة');
    await expect(count).toContainText('73');
    await expect(page.locator('[data-state="empty"]')).toHaveCount(0);
    await expect(page.locator('article.card').first()).toBeVisible();
  }
  // The next letter searches.
  await search(page, 'مراك');
  await expect(count).not.toContainText('أكمل الكلمة');
  await expect(page.locator('article.card[data-id="marrakech"]')).toBeVisible();
  // A finished one-letter word that matches nothing is a query like any other.
  await search(page, 'م ');
  await expect(page.locator('[data-state="empty"]')).toBeVisible();
  // In English too.
  await page.goto('/?lang=en');
  await expect(page.locator('article.card').first()).toBeVisible();
  await search(page, 'x');
  await expect(count).toContainText('Keep typing');
});

test('a query with no match shows the empty state with suggestions', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('article.card').first()).toBeVisible();
  await search(page, 'زرافة');
  const empty = page.locator('[data-state="empty"]');
  await expect(empty).toBeVisible();
  await expect(page.locator('article.card')).toHaveCount(0);
  await expect(empty).toContainText('زرافة');
  const suggestion = empty.locator('.suggestions a').first();
  await suggestion.click();
  await expect(page.locator('article.card').first()).toBeVisible();
});

test('deep link ?q= restores the search', async ({ page }) => {
  await page.goto('/?q=' + encodeURIComponent('طنجة'));
  await expect(page.locator('input[name="q"]')).toHaveValue('طنجة');
  await expect(page.locator('article.card[data-id="tangier"]')).toBeVisible();
  await page.reload();
  await expect(page.locator('input[name="q"]')).toHaveValue('طنجة');
  await expect(page.locator('article.card[data-id="tangier"]')).toBeVisible();
});

test('deep link ?id= shows the item, with disagreeing sources side by side', async ({ page, baseURL }) => {
  const problems = watch(page, { consoleErrors: true });
  await page.goto('/?id=gc-marrakech-2022');
  const detail = page.locator('article.detail[data-id="gc-marrakech-2022"]');
  await expect(detail).toBeVisible();
  await expect(detail.locator('.detail-title')).not.toBeEmpty();
  const dis = detail.locator('.disagreement[data-id="gc-marrakech-2022-countries"]');
  await expect(dis).toBeVisible();
  await expect(dis.locator('.claim')).toHaveCount(2);
  await expect(dis).toContainText('70');
  await expect(dis).toContainText('75');
  await expect(dis).toContainText('أشكاين');
  await expect(dis).toContainText('العلم');
  expect(problems).toEqual([]);
});

test('an unknown ?id= says so and offers a way back', async ({ page }) => {
  await page.goto('/?id=no-such-record');
  await expect(page.locator('[data-state="not-found"]')).toBeVisible();
});

test('back and forward restore the view', async ({ page }) => {
  await page.goto('/?q=Glasgow');
  const card = page.locator('article.card[data-id="interpol-ga-92-glasgow-2024"]');
  await expect(card).toBeVisible();
  await card.locator('.card-link').click();
  await expect(page.locator('article.detail[data-id="interpol-ga-92-glasgow-2024"]')).toBeVisible();
  await expect(page).toHaveURL(/id=interpol-ga-92-glasgow-2024/);
  await page.goBack();
  await expect(page.locator('input[name="q"]')).toHaveValue('Glasgow');
  await expect(card).toBeVisible();
  await page.goForward();
  await expect(page.locator('article.detail[data-id="interpol-ga-92-glasgow-2024"]')).toBeVisible();
});

// Markup and script payloads in the bundle: see xss.spec.ts.

const BROKEN: Array<[string, (route: any) => Promise<void>, RegExp]> = [
  ['a broken (non-JSON) bundle', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"schema_version": 1, "sources": [' }), /تالف/],
  ['an unreachable bundle', (r) => r.abort('connectionrefused'), /اتصالك/],
  ['a server error', (r) => r.fulfill({ status: 503, body: 'down' }), /خطأ/],
  ['an unsupported schema version', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"schema_version": 99}' }), /إصدار/],
  ['an invalid bundle', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ schema_version: 1, sources: [], countries: [], places: [], organizations: [], people: [], topics: [], events: [{ id: 'x', title: { ar: '', en: 'x', fr: 'x' }, kind: 'congress', start: '2022', status: 'held', summary: { ar: 'x', en: 'x', fr: 'x' }, sources: ['nope'] }], figures: [], disagreements: [] }) }), /أخطاء/],
];

for (const [what, handler, message] of BROKEN) {
  test(`${what} shows the error state, and retry recovers`, async ({ page }) => {
    let broken = true;
    await page.route(BUNDLE, (route) => (broken ? handler(route) : route.continue()));
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto('/');
    const error = page.locator('[data-state="error"]');
    await expect(error).toBeVisible();
    await expect(error).toContainText(message);
    await expect(page.locator('input[name="q"]')).toBeVisible(); // the page is not blank
    broken = false;
    await error.getByRole('button').click();
    await expect(page.locator('article.card').first()).toBeVisible();
    expect(pageErrors).toEqual([]);
  });
}

test('a long list is virtualised: scrolling renders what comes into view, and positions are announced', async ({ page }) => {
  await page.goto('/');
  // The app's list, not the landing view's first screen (12 cards) rendered at build time.
  await appReady(page);
  const list = page.locator('ul.cards.virtual');
  await expect(list).toHaveAttribute('data-total', '73');
  const first = page.locator('ul.cards > li').first();
  await expect(first).toHaveAttribute('aria-posinset', '1');
  await expect(first).toHaveAttribute('aria-setsize', '73');
  const inDom = await page.locator('article.card').count();
  expect(inDom).toBeLessThan(73);
  // The page is as tall as the whole list: scroll to its end, the last card is rendered.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(page.locator('ul.cards > li[aria-posinset="73"]')).toBeAttached();
  await expect(page.locator('ul.cards > li[aria-posinset="1"]')).toHaveCount(0);
  expect(await page.locator('article.card').count()).toBeLessThan(40);
  // Back to the top: the first card again.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.locator('ul.cards > li[aria-posinset="1"]')).toBeAttached();
});
