import { listingAttributes } from '../../catalog/fixtures';
import { call, control, sellerToken, start, waitFor, type Json, type Sim } from './helpers';

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';

const home = (mp: string, lang: string, price: number, currency: string): Json => listingAttributes('HOME', mp, { lang, price, currency });

describe('SP-API simulator: product type definitions and listings validated against them', () => {
	let sim: Sim;
	let t: string;
	let seller: string;
	beforeAll(async () => {
		sim = await start({ timeScale: 100, feedDelays: { inQueueMs: 20000, inProgressMs: 20000 } });
		t = await sellerToken(sim);
		seller = sim.credentials.sellerId;
	});
	afterAll(async () => {
		await sim.close();
	});

	it('serves a definition whose schema link (no token, presigned) returns the JSON Schema with the given MD5 checksum', async () => {
		const r = await call(sim, t, 'GET', `/definitions/2020-09-01/productTypes/HOME?marketplaceIds=${DE}&requirements=LISTING`);
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ productType: 'HOME', requirements: 'LISTING', requirementsEnforced: 'ENFORCED', marketplaceIds: [DE], locale: 'de_DE', productTypeVersion: { latest: true } });
		const doc = await fetch(r.body.schema.link.resource);
		expect(doc.status).toBe(200);
		const bytes = Buffer.from(await doc.arrayBuffer());
		expect(require('node:crypto').createHash('md5').update(bytes).digest('base64')).toBe(r.body.schema.checksum); // eslint-disable-line @typescript-eslint/no-require-imports
		const schema = JSON.parse(bytes.toString('utf8')) as Json;
		expect(schema.required).toEqual(expect.arrayContaining(['item_name', 'brand', 'color', 'material']));
		expect(schema.properties.purchasable_offer.items.properties.currency.enum).toEqual(['EUR']);
		const tampered = await fetch(r.body.schema.link.resource.replace(/X-Amz-Signature=[0-9a-f]+/, 'X-Amz-Signature=00'));
		expect(tampered.status).toBe(403);
		expect((await call(sim, t, 'GET', `/definitions/2020-09-01/productTypes/SPACESHIP?marketplaceIds=${US}`)).status).toBe(400);
		expect((await call(sim, t, 'GET', `/definitions/2020-09-01/productTypes/HOME?marketplaceIds=${US},${DE}`)).status).toBe(400);
		const search = await call(sim, t, 'GET', `/definitions/2020-09-01/productTypes?marketplaceIds=${US}&keywords=shirt`);
		expect(search.body.productTypes.map((p: Json) => p.name)).toEqual(['SHIRT']);
	});

	it('putListingsItem enforces the required attributes and keeps attributes and the offer price per marketplace', async () => {
		const listings = (await control(sim, 'GET', '/listings')) as Json[];
		const sku = String(listings[0].sku);
		const bad = home(US, 'en_US', 12.5, 'USD');
		delete bad.brand;
		const r1 = await call(sim, t, 'PUT', `/listings/2021-08-01/items/${seller}/${encodeURIComponent(sku)}?marketplaceIds=${US}&includedData=issues,identifiers`, { productType: 'HOME', requirements: 'LISTING', attributes: bad });
		expect(r1.body.status).toBe('INVALID');
		expect(r1.body.issues).toEqual([{ code: '90220', message: "'brand' is required but not supplied.", severity: 'ERROR', attributeNames: ['brand'], categories: ['MISSING_ATTRIBUTE'] }]);
		const r2 = await call(sim, t, 'PUT', `/listings/2021-08-01/items/${seller}/${encodeURIComponent(sku)}?marketplaceIds=${US}&includedData=issues,identifiers`, { productType: 'HOME', requirements: 'LISTING', attributes: home(US, 'en_US', 12.5, 'USD') });
		expect(r2.body.status).toBe('ACCEPTED');
		expect(r2.body.identifiers[0].asin).toBe(listings[0].asin);
		const r3 = await call(sim, t, 'PUT', `/listings/2021-08-01/items/${seller}/${encodeURIComponent(sku)}?marketplaceIds=${DE}`, { productType: 'HOME', requirements: 'LISTING', attributes: home(DE, 'de_DE', 13.99, 'EUR') });
		expect(r3.body.status).toBe('ACCEPTED');
		const after = ((await control(sim, 'GET', '/listings')) as Json[]).find((l) => l.sku === sku) as Json;
		expect(after.offers[US]).toMatchObject({ currency: 'USD', price: 12.5 });
		expect(after.offers[DE]).toMatchObject({ currency: 'EUR', price: 13.99 });
		expect(after.attributes[DE].brand[0].value).toBe('Contoso');
		const got = await call(sim, t, 'GET', `/listings/2021-08-01/items/${seller}/${encodeURIComponent(sku)}?marketplaceIds=${DE}&includedData=attributes,offers`);
		expect(got.body.offers[0].price).toEqual({ currencyCode: 'EUR', amount: '13.99' });
		expect(got.body.attributes.material[0].value).toBe('ceramic');
		expect(await control(sim, 'GET', '/catalog')).toMatchObject({ listings: 2, prices: 2 });
	});

	it('patchListingsItem checks patched values against the schema (requirements not enforced)', async () => {
		const listings = (await control(sim, 'GET', '/listings')) as Json[];
		const sku = String(listings[1].sku);
		const path = `/listings/2021-08-01/items/${seller}/${encodeURIComponent(sku)}?marketplaceIds=${US}`;
		const bad = await call(sim, t, 'PATCH', path, { productType: 'HOME', patches: [{ op: 'replace', path: '/attributes/country_of_origin', value: [{ value: 'XX', marketplace_id: US }] }] });
		expect(bad.body.status).toBe('INVALID');
		expect(bad.body.issues[0]).toMatchObject({ code: '4000001', attributeNames: ['country_of_origin'] });
		const ok = await call(sim, t, 'PATCH', path, { productType: 'HOME', patches: [{ op: 'replace', path: '/attributes/purchasable_offer', value: [{ currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 7.25 }] }], marketplace_id: US }] }] });
		expect(ok.body.status).toBe('ACCEPTED');
		expect((((await control(sim, 'GET', '/listings')) as Json[]).find((l) => l.sku === sku) as Json).offers[US].price).toBe(7.25);
	});

	it('JSON_LISTINGS_FEED: UPDATE messages are validated like puts; the report names the SKU and lists ASIN and status', async () => {
		const listings = (await control(sim, 'GET', '/listings')) as Json[];
		const [a, b] = listings.slice(2, 4).map((l) => String(l.sku));
		const broken = home(US, 'en_US', 10, 'USD');
		broken.color = [{ value: 'x'.repeat(60), language_tag: 'en_US', marketplace_id: US }];
		const feed = {
			header: { sellerId: seller, version: '2.0', issueLocale: 'en_US', report: { includedData: ['summaries', 'issues'], apiVersion: '2021-08-01' } },
			messages: [
				{ messageId: 1, sku: a, operationType: 'UPDATE', productType: 'HOME', requirements: 'LISTING', attributes: home(US, 'en_US', 10, 'USD') },
				{ messageId: 2, sku: b, operationType: 'UPDATE', productType: 'HOME', requirements: 'LISTING', attributes: broken },
			],
		};
		const d = await call(sim, t, 'POST', '/feeds/2021-06-30/documents', { contentType: 'application/json; charset=UTF-8' });
		await fetch(d.body.url, { method: 'PUT', headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(feed) });
		const cf = await call(sim, t, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], inputFeedDocumentId: d.body.feedDocumentId });
		const done = await waitFor(async () => {
			const f = await call(sim, t, 'GET', `/feeds/2021-06-30/feeds/${cf.body.feedId}`);
			return f.body.processingStatus === 'DONE' ? f.body : null;
		}, 10000);
		const feeds = (await control(sim, 'GET', '/feeds')) as Json[];
		const report = JSON.parse(String(feeds.find((f) => f.feedId === done.feedId)?.resultDocument)) as Json;
		expect(report.summary).toMatchObject({ messagesProcessed: 2, messagesAccepted: 1, messagesInvalid: 1 });
		expect(report.issues).toEqual([expect.objectContaining({ messageId: 2, sku: b, severity: 'ERROR', code: '4000001', attributeName: 'color' })]);
		expect(report.items).toEqual([expect.objectContaining({ sku: a, summaries: [expect.objectContaining({ asin: expect.stringMatching(/^B0/), marketplaceId: US })] })]);
	});
});
