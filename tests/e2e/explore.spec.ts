// End-to-end tests of the explore views: facets, map, statistics, timeline, and the URL
// state they share.
import { test, expect, watch, appReady } from './fixtures';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

test('selecting a map marker filters to that place and updates the URL', async ({ page }) => {
  const errors = watch(page, { consoleErrors: true });
  await page.goto('/?view=map');
  const marker = page.locator('.map-marker[data-place="marrakech"]');
  await expect(marker).toBeVisible();
  await expect(marker).toHaveAccessibleName(/^مراكش.*(حدث|أحداث)/);
  // The map's credit is in the page's language.
  await expect(page.locator('.map-credit')).toContainText('مصدر الخريطة: Natural Earth');
  await marker.click();
  await expect(page).toHaveURL(/[?&]place=marrakech/);
  await expect(marker).toHaveAttribute('aria-pressed', 'true');
  // The place's events are listed beside the map.
  const events = page.locator('.map-events li');
  await expect(events.first()).toBeVisible();
  await expect(page.locator('.map-events li[data-id="gc-marrakech-2022"]')).toBeVisible();
  await expect(page.locator('.map-events li[data-id="interpol-ga-93-marrakech-2025"]')).toBeVisible();
  // The filter carries over to the other views.
  await page.locator('.view-switcher a[data-view="cards"]').click();
  await expect(page).toHaveURL(/place=marrakech/);
  await expect(page.locator('.filter-chip[data-facet="place"][data-value="marrakech"]')).toBeVisible();
  expect(errors).toEqual([]);
});

test('every place has a keyboard-reachable marker, Glasgow and Morocco readable at once', async ({ page }) => {
  await page.goto('/?view=map');
  for (const id of ['marrakech', 'tangier', 'glasgow', 'rabat', 'casablanca', 'laayoune']) {
    const m = page.locator(`.map-marker[data-place="${id}"]`);
    await expect(m).toBeVisible();
    expect(await m.evaluate((el) => el.tagName)).toBe('BUTTON');
  }
  // Labels do not overlap at the default view.
  const boxes = await page.locator('.map-marker .marker-label').evaluateAll((els) =>
    els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.top, r.right, r.bottom]),
  );
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
      expect(overlap, `labels ${i} and ${j} overlap`).toBe(false);
    }
  // Keyboard: focus a marker with Tab and activate it with Enter.
  await page.locator('.map-marker[data-place="tangier"]').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/place=tangier/);
});

test('the map zooms and pans by keyboard and buttons, and fits back', async ({ page }) => {
  await page.goto('/?view=map');
  const svg = page.locator('.map-stage > svg.map-svg');
  const initial = await svg.getAttribute('viewBox');
  await page.locator('.map-stage').focus();
  await page.keyboard.press('+');
  const zoomed = await svg.getAttribute('viewBox');
  expect(zoomed).not.toBe(initial);
  const size = (vb: string | null) => Number(vb!.split(' ')[2]);
  expect(size(zoomed)).toBeLessThan(size(initial));
  await page.keyboard.press('ArrowLeft');
  expect(await svg.getAttribute('viewBox')).not.toBe(zoomed);
  await page.locator('[data-map="zoom-out"]').click();
  await page.locator('[data-map="fit"]').click();
  expect(await svg.getAttribute('viewBox')).toBe(initial);
  // Wheel zoom.
  await page.locator('.map-stage').hover();
  await page.mouse.wheel(0, -300);
  await expect.poll(() => svg.getAttribute('viewBox')).not.toBe(initial);
});

test('facet counts change with the query', async ({ page }) => {
  await page.goto('/');
  const kindEvent = page.locator('fieldset[data-facet="kind"] label:has-text("حدث") .facet-count');
  await expect(kindEvent).toBeVisible();
  const before = Number(await kindEvent.textContent());
  await page.locator('input[name="q"]').fill('طنجة');
  await expect.poll(async () => Number(await kindEvent.textContent())).toBeLessThan(before);
  const after = Number(await kindEvent.textContent());
  expect(after).toBeGreaterThan(0);
  // The count equals the number of event cards shown.
  await expect(page.locator('article.card[data-kind="event"]')).toHaveCount(after);
});

test('a deep link with two facets restores them', async ({ page }) => {
  await page.goto('/?place=tangier&place=glasgow&kind=event');
  await expect(page.locator('fieldset[data-facet="place"] input:checked')).toHaveCount(2);
  await expect(page.locator('fieldset[data-facet="kind"] input:checked')).toHaveCount(1);
  await expect(page.locator('.filter-chip')).toHaveCount(3);
  await expect(page.locator('article.card')).toHaveCount(2);
  const ids = await page.locator('article.card').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  expect(ids.sort()).toEqual(['arab-police-chiefs-tangier-2023', 'interpol-ga-92-glasgow-2024']);
  // Removing one chip keeps the other filters; back restores it.
  await page.locator('.filter-chip[data-value="glasgow"]').click();
  await expect(page.locator('article.card')).toHaveCount(1);
  await page.goBack();
  await expect(page.locator('article.card')).toHaveCount(2);
  // Clear all.
  await page.locator('.clear-all').click();
  await expect(page.locator('.filter-chip')).toHaveCount(0);
  await expect(page.locator('ul.cards')).toHaveAttribute('data-total', '73');
});

test('checking a facet value filters and adds a history entry', async ({ page }) => {
  await page.goto('/');
  await page.locator('fieldset[data-facet="status"] label:has-text("مرتقب") input').check();
  await expect(page).toHaveURL(/status=planned/);
  await expect(page.locator('article.card[data-id="interpol-ga-93-marrakech-2025"]')).toBeVisible();
  await expect(page.locator('article.card[data-id="gc-marrakech-2022"]')).toHaveCount(0);
  await page.goBack();
  await expect(page.locator('article.card[data-id="gc-marrakech-2022"]')).toBeVisible();
});

test('350 experts at Marrakech and about 200 per meeting are shown together, as context', async ({ page }) => {
  const note = 'gc-experts-marrakech-2022-vs-annual-meeting';
  await page.goto('/?view=stats&lang=en');
  const a = page.locator('tr[data-id="gc-marrakech-2022-experts-achkayen"]');
  const b = page.locator('tr[data-id="gc-annual-meeting-experts"]');
  await expect(a).toHaveAttribute('data-value', '350');
  await expect(b).toHaveAttribute('data-value', '200');
  const next = await a.evaluate((row) => [row.nextElementSibling?.getAttribute('data-id'), row.previousElementSibling?.getAttribute('data-id')]);
  expect(next).toContain('gc-annual-meeting-experts');
  // Not a disagreement: no "sources differ", one note for the pair in its group.
  await expect(a.locator('.badge.differ')).toHaveCount(0);
  await expect(b.locator('.badge.differ')).toHaveCount(0);
  const group = page.locator('.stats-group', { has: a });
  await expect(group.locator(`.figure-note[data-relation="${note}"]`)).toHaveCount(1);
  await expect(group.locator('.figure-note')).toContainText('not contradict');
  // The event's page, and each figure's card.
  await page.goto('/?id=gc-marrakech-2022&lang=fr');
  await expect(page.locator(`.disagreement.context[data-id="${note}"] .claim`)).toHaveCount(2);
  await expect(page.locator(`.disagreement.context[data-id="${note}"] .badge.differ`)).toHaveCount(0);
  await page.goto('/?kind=figure&lang=es');
  const card = page.locator('article.card[data-id="gc-annual-meeting-experts"]');
  await expect(card.locator(`.card-note[data-relation="${note}"]`)).toContainText('350');
  await expect(card.locator('.badge.differ')).toHaveCount(0);
});

test('unknown or malformed parameters are ignored', async ({ page }) => {
  const errors = watch(page, { consoleErrors: true });
  await page.goto('/?view=nope&place=atlantis&year=abc&kind=spaceship&foo=bar&group=zzz&place=tangier');
  await expect(page.locator('article.card').first()).toBeVisible();
  await expect(page.locator('.filter-chip')).toHaveCount(1);
  await page.goto('/?view=stats&year=9999-');
  await expect(page.locator('.stats-table').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('the statistics view shows both disagreeing figures with both sources', async ({ page }) => {
  await page.goto('/?view=stats');
  const a = page.locator('tr[data-id="gc-marrakech-2022-countries-achkayen"]');
  const b = page.locator('tr[data-id="gc-marrakech-2022-countries-alalam"]');
  await expect(a).toBeVisible();
  await expect(b).toBeVisible();
  await expect(a).toHaveAttribute('data-value', '70');
  await expect(b).toHaveAttribute('data-value', '75');
  await expect(a).toContainText('أشكاين');
  await expect(b).toContainText('العلم');
  await expect(a.locator('.badge.differ')).toBeVisible();
  await expect(b.locator('.badge.differ')).toBeVisible();
  // Side by side: adjacent rows of the same table.
  const adjacent = await a.evaluate((row) => {
    const next = row.nextElementSibling, prev = row.previousElementSibling;
    return [next?.getAttribute('data-id'), prev?.getAttribute('data-id')];
  });
  expect(adjacent).toContain('gc-marrakech-2022-countries-alalam');
  // Qualifiers and periods are shown.
  await expect(page.locator('tr[data-id="ma-terror-projects-foiled-since-2002"]')).toContainText('أكثر من');
  await expect(page.locator('tr[data-id="ma-terror-cells-dismantled-2002-2021"]')).toContainText('2002–2021');
});

test('CSV export of a filtered view contains exactly the visible rows', async ({ page }) => {
  await page.goto('/?view=stats&place=marrakech');
  await expect(page.locator('.stats-table').first()).toBeVisible();
  const visible = await page.locator('tr[data-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
  expect(visible.length).toBeGreaterThan(0);
  if ((await page.locator('[data-menu="share"][open]').count()) === 0) await page.locator('[data-menu="share"] summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="csv"]').click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trim().split('\r\n');
  expect(lines[0].startsWith('id,measure,value,')).toBe(true);
  const ids = lines.slice(1).map((l) => l.split(',')[0]);
  expect(ids).toEqual(visible);
  expect(text).toContain('أشكاين');
  // JSON export: the same rows.
  if ((await page.locator('[data-menu="share"][open]').count()) === 0) await page.locator('[data-menu="share"] summary').click();
  const [json] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="json"]').click()]);
  const rows = JSON.parse(readFileSync((await json.path())!, 'utf8'));
  expect(rows.map((r: any) => r.id)).toEqual(visible);
});

test('the timeline orders events by date and marks cancelled and planned', async ({ page }) => {
  await page.goto('/?view=timeline');
  const items = page.locator('.tl-event');
  await expect(items.first()).toBeVisible();
  const dates = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-date')!));
  // A year alone sorts after the months of that year ("sometime in 2021" after March
  // 2021), a month alone after its days.
  const key = (d: string) => (d.length === 4 ? d + '-13-32' : d.length === 7 ? d + '-32' : d);
  const sorted = [...dates].sort((a, b) => key(a).localeCompare(key(b)));
  expect(dates).toEqual(sorted);
  expect(dates.length).toBeGreaterThanOrEqual(14);
  // «late 2021» is the last of 2021's events, not the first.
  const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
  expect(ids.indexOf('gc-2021-planned')).toBe(ids.indexOf('gc-advisory-group-2021-03') + 1);
  const cancelled = page.locator('.tl-event[data-id="gc-2020-cancelled"]');
  await expect(cancelled).toHaveAttribute('data-status', 'cancelled');
  await expect(cancelled).toHaveClass(/status-cancelled/);
  await expect(cancelled).toContainText('أُلغي');
  const planned = page.locator('.tl-event[data-id="interpol-ga-93-marrakech-2025"]');
  await expect(planned).toHaveAttribute('data-status', 'planned');
  await expect(planned).toContainText('مرتقب');
  // Planned and cancelled look different from held.
  const style = (sel: string) => page.locator(sel).evaluate((e) => getComputedStyle(e).borderStyle);
  expect(await style('.tl-event[data-id="interpol-ga-93-marrakech-2025"]')).toBe('dashed');
  expect(await style('.tl-event[data-id="gc-marrakech-2022"]')).toBe('solid');
  // Partial dates stay partial.
  await expect(page.locator('.tl-event[data-id="gc-2020-cancelled"]')).toHaveAttribute('data-precision', 'year');
  // Activating an event opens its detail view.
  await planned.locator('a').click();
  await expect(page.locator('article.detail[data-id="interpol-ga-93-marrakech-2025"]')).toBeVisible();
});

test('a question one record holds whole is followed by the records with most of its words, and the count says so', async ({ page }) => {
  // «head of the DGSN police»: two records (the heads of the DGSN and of its judicial
  // police) have every word; the DGSN itself, with all but one, follows them.
  await page.goto('/?lang=en&q=' + encodeURIComponent('head of the DGSN police'));
  await expect(page.locator('article.card').first()).toBeVisible();
  const count = page.locator('#results-count');
  await expect(count).toContainText('2 with every word, the rest with some');
  const ids = await page.locator('article.card').evaluateAll((els) => els.slice(0, 3).map((e) => e.getAttribute('data-id')));
  expect(ids).toContain('abdellatif-hammouchi');
  expect(ids).toContain('dgsn');
  // «who» of a question is not a word to find (WHO would be): its head is among the first two.
  await page.goto('/?lang=en&q=' + encodeURIComponent('who heads the DGSN'));
  await expect(page.locator('article.card').first()).toBeVisible();
  const first = await page.locator('article.card').evaluateAll((els) => els.slice(0, 2).map((e) => e.getAttribute('data-id')));
  expect(first).toContain('abdellatif-hammouchi');
  // Three records or more with every word: the count alone.
  await page.goto('/?lang=en&q=' + encodeURIComponent('Marrakech congress'));
  await expect(page.locator('article.card').nth(2)).toBeVisible();
  await expect(count).not.toContainText('every word');
});

test('Arabizi, an Arabic slip and an Arabic spelling of a Latin name find their records', async ({ page }) => {
  for (const [lang, q, id] of [
    ['ar', '7ammouchi', 'abdellatif-hammouchi'],
    ['fr', 'mrakch', 'marrakech'],
    ['ar', 'طنحة', 'tangier'],
    ['en', 'هيندس', 'greg-hinds'],
  ]) {
    await page.goto(`/?lang=${lang}&q=` + encodeURIComponent(q));
    await expect(page.locator('article.card').first()).toBeVisible();
    const ids = await page.locator('article.card').evaluateAll((els) => els.slice(0, 3).map((e) => e.getAttribute('data-id')));
    expect(ids, q).toContain(id);
  }
  // The word found is marked where the card writes it in the other script.
  for (const [lang, q, id, word] of [
    ['fr', 'mrakch', 'marrakech', 'Marrakech'],
    ['ar', 'Hammouchi', 'abdellatif-hammouchi', 'حموشي'],
  ]) {
    await page.goto(`/?lang=${lang}&q=` + encodeURIComponent(q));
    await expect(page.locator(`article.card[data-id="${id}"] h3 mark`).first(), q).toHaveText(word);
  }
  // An ordinary word three consonants long is not read as Arabic: nothing.
  await page.goto('/?lang=en&q=think');
  await expect(page.locator('[data-state="empty"]')).toBeVisible();
});

test('filters apply to the timeline', async ({ page }) => {
  await page.goto('/?view=timeline&year=2020-2021');
  await expect(page.locator('.tl-year').first()).toBeVisible();
  const years = await page.locator('.tl-year').evaluateAll((els) => els.map((e) => e.getAttribute('data-year')));
  expect(years).toEqual(['2020', '2021']);
});

test('a query with one unmatched word shows the records matching the most words, and says so', async ({ page }) => {
  // «البرازيل» is in no record; «مؤتمر» is in many.
  await page.goto('/?q=' + encodeURIComponent('مؤتمر'));
  await expect(page.locator('article.card').first()).toBeVisible();
  const alone = await page.locator('#results-count').innerText();
  await page.goto('/?q=' + encodeURIComponent('مؤتمر البرازيل'));
  await expect(page.locator('article.card').first()).toBeVisible();
  const count = page.locator('#results-count');
  await expect(count).toContainText('لا سجل يضم كل الكلمات');
  // The same records as the matched word alone, and the same number.
  expect((await count.innerText()).startsWith(alone.split(' · ')[0])).toBe(true);
  // No word matching at all is still the empty state.
  await page.goto('/?q=' + encodeURIComponent('زرافة البرازيل'));
  await expect(page.locator('[data-state="empty"]')).toBeVisible();
});

test('a quoted phrase no record has offers its words searched loose', async ({ page }) => {
  // Both words are in the data, never side by side in this order.
  await page.goto('/?lang=en&q=' + encodeURIComponent('"Glasgow Marrakech"'));
  const empty = page.locator('[data-state="empty"]');
  await expect(empty).toBeVisible();
  // Shown in its own quote marks only, not in the page's as well.
  await expect(empty.locator('h2')).toHaveText('No results — "Glasgow Marrakech"');
  const loose = empty.locator('a[data-action="unquote"]');
  await expect(loose).toHaveText('Glasgow Marrakech');
  await loose.click();
  await expect(page).toHaveURL(/q=Glasgow(\+|%20)Marrakech/);
  await expect(page.locator('article.card').first()).toBeVisible();
  // Without quotes the empty state keeps its general advice.
  await page.goto('/?lang=en&q=zzzz');
  await expect(empty).toBeVisible();
  await expect(empty.locator('a[data-action="unquote"]')).toHaveCount(0);
});

test('a word begun after whole words, too short to search yet, is not a missing word', async ({ page }) => {
  // «المؤتمر ال», typed: the same records and count line as «المؤتمر».
  await page.goto('/');
  await appReady(page);
  const field = page.locator('input[name="q"]');
  await field.fill('المؤتمر');
  await expect(page.locator('article.card').first()).toBeVisible();
  const whole = await page.locator('#results-count').innerText();
  await field.pressSequentially(' ال');
  await expect(page).toHaveURL(/q=.*%D8%A7%D9%84(&|$)/);
  await expect(page.locator('#results-count')).toHaveText(whole);
});

test("the statistics' bars share one scale per card, and a percentage is drawn out of 100", async ({ page }) => {
  for (const lang of ['ar', 'en']) {
    await page.goto(`/?view=stats&lang=${lang}`);
    const bar = (id: string) => page.locator(`li.bar-row[data-figure="${id}"] rect.bar`);
    await expect(bar('interpol-ga-92-glasgow-2024-countries')).toBeAttached();
    // 75 countries and organisations beside 170 countries in one card: 75/170 of its length.
    const card = page.locator('section.stats-group', { has: bar('interpol-ga-92-glasgow-2024-countries') });
    await expect(card.locator('li.bar-row[data-figure="gc-marrakech-2022-countries-alalam"]')).toHaveCount(1);
    await expect(bar('interpol-ga-92-glasgow-2024-countries')).toHaveAttribute('width', '100.00');
    await expect(bar('gc-marrakech-2022-countries-alalam')).toHaveAttribute('width', '44.12');
    // 88 percent, the only figure of its measure: 88 of 100, not a full bar.
    await expect(bar('ma-terror-cells-isis-share-2002-2021')).toHaveAttribute('width', '88.00');
  }
});

test("on a phone the map's labels stay inside the map and off the inset", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const lang of ['ar', 'en', 'fr']) {
    await page.goto(`/?view=map&lang=${lang}`);
    await expect(page.locator('.map-marker[data-place="casablanca"]')).toBeVisible();
    const bad = await page.evaluate(() => {
      const box = document.querySelector('.map-box')!.getBoundingClientRect();
      const inset = document.querySelector('.map-inset')!.getBoundingClientRect();
      const meets = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      return [...document.querySelectorAll('.map-marker .marker-label')]
        .filter((l) => !l.closest('.map-inset'))
        .map((l) => [l.textContent, l.getBoundingClientRect()] as const)
        .filter(([, r]) => meets(r, inset) || r.left < box.left || r.right > box.right)
        .map(([t]) => t);
    });
    expect(bad, lang).toEqual([]);
  }
});
