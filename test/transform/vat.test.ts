/**
 * VAT on orders (nodes/shared/mapping/vat.ts + m3Order.ts), every figure worked by hand in the comments.
 * The M3 plan must carry net prices (M3 adds VAT) and the invoice M3 makes must total what the buyer paid,
 * less tax the marketplace collected.
 */
import { amazonOrderToCanonical } from '../../nodes/shared/mapping/amazonOrder';
import { canonicalOrderToM3Plan, type M3OrderOptions, type M3OrderPlan } from '../../nodes/shared/mapping/m3Order';
import { vatTreatment } from '../../nodes/shared/mapping/vat';
import type { Order } from '../../nodes/shared/canonical/schemas';

const MP = { DE: 'A1PA6795UKMFR9', FR: 'A13V1IB3VIYZZH', UK: 'A1F83G8C2ARO7P', US: 'ATVPDKIKX0DER' };
const options: M3OrderOptions = {
	customerMap: { [MP.DE]: 'AMZDE01', [MP.FR]: 'AMZFR01', [MP.UK]: 'AMZUK01', [`${MP.UK}:MF`]: 'AMZUK02', [MP.US]: { CUNO: 'AMZUS01', WHLO: '300' } },
	itemMode: 'identity',
	vat: { sellerCountry: 'DE', rates: { DE: '19', FR: '20', IT: '22', ES: '21', GB: '20' }, roundingCharge: 'RND' },
};

type Money = [string, string];
interface ItemSpec {
	sku: string;
	qty: number;
	unit: Money;
	item: Money;
	shipping?: Money;
	discount?: Money;
	tax?: Array<[string, string]>; // [subtype, amount]
	collectedBy?: string;
	total?: string; // proceedsTotal
}

/** An Orders 2026-01-01 getOrder response (includedData PROCEEDS, TAX, FULFILLMENT, RECIPIENT, BUYER). */
function amazon(mk: string, country: string, items: ItemSpec[], extra: { business?: { vat: string; country: string } } = {}): Order {
	const cur = items[0].unit[1];
	const m = (a: string) => ({ amount: a, currencyCode: cur });
	const order = {
		orderId: '302-1111111-2222222',
		createdTime: '2026-12-01T10:00:00Z',
		lastUpdatedTime: '2026-12-01T10:05:00Z',
		programs: extra.business ? ['AMAZON_BUSINESS'] : [],
		salesChannel: { channelName: 'Amazon', marketplaceId: mk },
		fulfillment: { fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT' },
		recipient: {
			deliveryAddress: {
				name: 'Buyer', addressLine1: 'Street 1', city: 'Town', postalCode: country === 'GB' ? 'W1U 3BW' : country === 'US' ? '78701' : '10115',
				stateOrRegion: country === 'US' ? 'TX' : undefined, countryCode: country,
			},
		},
		tax: extra.business
			? { taxRegistrations: [{ entityType: 'BUYER', taxRegistrationType: 'VAT', taxRegistrationNumber: extra.business.vat, taxRegistrationAddress: { countryCode: extra.business.country } }] }
			: undefined,
		orderItems: items.map((it, i) => ({
			orderItemId: `1000000000000${i}`,
			quantityOrdered: it.qty,
			product: { sellerSku: it.sku, price: { unitPrice: m(it.unit[0]) } },
			tax: it.collectedBy ? { taxCollections: [{ model: 'MARKETPLACE_FACILITATOR', responsibleParty: it.collectedBy }] } : undefined,
			proceeds: {
				proceedsTotal: it.total ? m(it.total) : undefined,
				breakdowns: [
					{ type: 'ITEM', subtotal: m(it.item[0]) },
					...(it.shipping ? [{ type: 'SHIPPING', subtotal: m(it.shipping[0]) }] : []),
					...(it.discount ? [{ type: 'DISCOUNT', subtotal: m(it.discount[0]), detailedBreakdowns: [{ subtype: 'ITEM', value: m(it.discount[0]) }] }] : []),
					...(it.tax ? [{ type: 'TAX', subtotal: m(it.tax.reduce((a, [, x]) => a + Math.round(Number(x) * 100), 0) / 100 + ''), detailedBreakdowns: it.tax.map(([subtype, a]) => ({ subtype, value: m(a) })) }] : []),
				],
			},
		})),
	};
	const r = amazonOrderToCanonical({ order });
	if (!r.ok) throw new Error(JSON.stringify(r.issues));
	return r.value;
}

function plan(o: Order, opt: M3OrderOptions = options): M3OrderPlan {
	const r = canonicalOrderToM3Plan(o, opt);
	if (!r.ok) throw new Error(JSON.stringify(r.issues));
	return r.value;
}

describe('VAT on Amazon orders -> M3 plan', () => {
	test('DE 19 %: 2 x 19.99 incl. VAT + shipping 4.99 -> SAPR 16.80, shipping 4.19, M3 VAT 7.18, total 44.97 = paid', () => {
		// VAT in 39.98 = 39.98 * 19/119 = 6.3834 -> 6.38; net 33.60 = 2 x 16.80
		// VAT in 4.99 = 0.7967 -> 0.80; net 4.19
		// M3: net 33.60 + 4.19 = 37.79; VAT 37.79 * 19 % = 7.1801 -> 7.18; total 44.97 = 39.98 + 4.99
		const p = plan(amazon(MP.DE, 'DE', [{ sku: 'MUG', qty: 2, unit: ['19.99', 'EUR'], item: ['39.98', 'EUR'], shipping: ['4.99', 'EUR'], tax: [['ITEM', '6.38'], ['SHIPPING', '0.80']] }]));
		expect(p.lines[0]).toMatchObject({ ITNO: 'MUG', ORQT: '2', SAPR: '16.80' });
		expect(p.charges).toEqual([{ CRID: 'SHIP', CRAM: '4.19', CUCD: 'EUR' }]);
		expect(p.tax).toEqual({ scheme: 'STANDARD', priceMode: 'gross', destination: 'DE', rate: '19', net: '37.79', vat: '7.18', amazonTax: '7.18', amountDue: '44.97' });
		expect(p.address?.VRNO).toBeUndefined();
	});

	test('DE 19 % with a promotion: 19.99 - 2.00 incl. VAT -> SAPR 16.80, net discount 1.68 (DIA1)', () => {
		// item VAT 19.99 * 19/119 = 3.1917 -> 3.19, net 16.80; discount VAT 2.00 * 19/119 = 0.3193 -> 0.32, net 1.68
		// M3: 16.80 - 1.68 = 15.12; VAT 2.8728 -> 2.87; total 17.99 = 19.99 - 2.00
		const p = plan(amazon(MP.DE, 'DE', [{ sku: 'MUG', qty: 1, unit: ['19.99', 'EUR'], item: ['19.99', 'EUR'], discount: ['-2.00', 'EUR'], tax: [['ITEM', '3.19'], ['DISCOUNT', '-0.32']] }]));
		expect(p.lines[0]).toMatchObject({ SAPR: '16.80', DIA1: '1.68' });
		expect(p.tax).toMatchObject({ net: '15.12', vat: '2.87', amazonTax: '2.87', amountDue: '17.99' });
		expect(p.charges).toEqual([]);
	});

	test('FR 20 % (OSS, goods from DE): 3 x 9.99 -> SAPR 8.32 and a 0.02 rounding charge so M3 totals 29.97', () => {
		// VAT in 29.97 = 29.97 / 6 = 4.995 -> 5.00 (Amazon); net 24.97 = 3 x 8.3233 -> SAPR 8.32, M3 line 24.96
		// M3 VAT 24.96 * 20 % = 4.992 -> 4.99; M3 total 29.95; the buyer paid 29.97 -> RND 0.02 (0 % VAT charge)
		const o = amazon(MP.FR, 'FR', [{ sku: 'PEN', qty: 3, unit: ['9.99', 'EUR'], item: ['29.97', 'EUR'], tax: [['ITEM', '5.00']] }]);
		const p = plan(o);
		expect(p.lines[0].SAPR).toBe('8.32');
		expect(p.tax).toEqual({ scheme: 'STANDARD', priceMode: 'gross', destination: 'FR', rate: '20', net: '24.96', vat: '4.99', amazonTax: '5.00', amountDue: '29.97', rounding: '0.02' });
		expect(p.charges).toEqual([{ CRID: 'RND', CRAM: '0.02', CUCD: 'EUR' }]);
		// with 4 price decimals M3 gets 8.3233 x 3 = 24.97, VAT 4.994 -> 4.99: 0.01 left for the rounding charge
		const p4 = plan(o, { ...options, vat: { ...options.vat, priceDecimals: 4 } });
		expect(p4.lines[0].SAPR).toBe('8.3233');
		expect(p4.tax).toMatchObject({ net: '24.97', vat: '4.99', rounding: '0.01' });
	});

	test('UK 20 % (seller liable, goods worth more than GBP 135): 4 x 34.00 -> SAPR 28.33, rounding 0.02', () => {
		// VAT in 136.00 = 136 / 6 = 22.6667 -> 22.67; net 113.33 = 4 x 28.3325 -> 28.33, M3 line 113.32
		// M3 VAT 113.32 * 20 % = 22.664 -> 22.66; M3 total 135.98; paid 136.00 -> rounding 0.02
		const p = plan(amazon(MP.UK, 'GB', [{ sku: 'LMP', qty: 4, unit: ['34.00', 'GBP'], item: ['136.00', 'GBP'], tax: [['ITEM', '22.67']] }]));
		expect(p.head.CUNO).toBe('AMZUK01');
		expect(p.lines[0].SAPR).toBe('28.33');
		expect(p.tax).toEqual({ scheme: 'STANDARD', priceMode: 'gross', destination: 'GB', rate: '20', net: '113.32', vat: '22.66', amazonTax: '22.67', amountDue: '136.00', rounding: '0.02' });
	});

	test('B2B reverse charge: French business buyer, goods from DE, no VAT charged -> VRNO on the address, 0 %', () => {
		// Amazon Business showed the VAT-exclusive price 33.61 and charged no VAT: intra-community supply
		// M3: net 4 x 33.61 = 134.44 + shipping 4.19 = 138.63, VAT 0 (M3's EU VAT code), total 138.63 = paid
		const o = amazon(MP.DE, 'FR', [{ sku: 'BAG', qty: 4, unit: ['33.61', 'EUR'], item: ['134.44', 'EUR'], shipping: ['4.19', 'EUR'], tax: [['ITEM', '0.00']] }], { business: { vat: 'FR40303265045', country: 'FR' } });
		expect(vatTreatment(o, options.vat)).toEqual({ scheme: 'REVERSE_CHARGE', priceMode: 'gross', destination: 'FR', rate: '0', buyerVatId: 'FR40303265045' });
		const p = plan(o);
		expect(p.address?.VRNO).toBe('FR40303265045');
		expect(p.lines[0].SAPR).toBe('33.61');
		expect(p.tax).toEqual({ scheme: 'REVERSE_CHARGE', priceMode: 'gross', destination: 'FR', rate: '0', net: '138.63', vat: '0.00', amazonTax: '0.00', amountDue: '138.63', buyerVatId: 'FR40303265045' });
		// a German business buyer pays German VAT: domestic, no VRNO, no reverse charge
		const de = amazon(MP.DE, 'DE', [{ sku: 'BAG', qty: 1, unit: ['39.99', 'EUR'], item: ['39.99', 'EUR'], tax: [['ITEM', '6.39']] }], { business: { vat: 'DE811907980', country: 'DE' } });
		expect(vatTreatment(de, options.vat).scheme).toBe('STANDARD');
		expect(plan(de).address?.VRNO).toBeUndefined();
	});

	test('US marketplace facilitator: prices net, sales tax collected by Amazon -> SAPR 13.49, M3 total 32.97', () => {
		// 2 x 13.49 = 26.98 + shipping 5.99; sales tax 8.25 %: 26.98 -> 2.23, 5.99 -> 0.49 (Amazon collects 2.72)
		// the buyer paid 35.69; the seller invoices 32.97 without tax
		const p = plan(amazon(MP.US, 'US', [{ sku: 'CAP', qty: 2, unit: ['13.49', 'USD'], item: ['26.98', 'USD'], shipping: ['5.99', 'USD'], tax: [['ITEM', '2.23'], ['SHIPPING', '0.49']], collectedBy: 'Amazon Services LLC' }]));
		expect(p.head).toMatchObject({ CUNO: 'AMZUS01', WHLO: '300' });
		expect(p.lines[0].SAPR).toBe('13.49');
		expect(p.charges).toEqual([{ CRID: 'SHIP', CRAM: '5.99', CUCD: 'USD' }]);
		expect(p.tax).toEqual({ scheme: 'MARKETPLACE', priceMode: 'net', destination: 'US', rate: '0', net: '32.97', vat: '0.00', amazonTax: '2.72', amountDue: '32.97' });
	});

	test('UK deemed supplier (Amazon collects the VAT on a small consignment): net price, the ":MF" customer', () => {
		// 17.99 incl. 20 % VAT: 17.99 / 6 = 2.998 -> 3.00 collected by Amazon; the seller invoices 14.99 to AMZUK02
		const p = plan(amazon(MP.UK, 'GB', [{ sku: 'TWL', qty: 1, unit: ['17.99', 'GBP'], item: ['17.99', 'GBP'], tax: [['ITEM', '3.00']], collectedBy: 'Amazon EU S.a r.l.' }]));
		expect(p.head.CUNO).toBe('AMZUK02');
		expect(p.lines[0].SAPR).toBe('14.99');
		expect(p.tax).toMatchObject({ scheme: 'MARKETPLACE', net: '14.99', vat: '0.00', amazonTax: '3.00', amountDue: '14.99' });
	});

	test('a rate that is not the one Amazon applied stops the order; a VAT-inclusive order without TAX data too', () => {
		// Amazon charged 7 % (reduced rate, 1.31 in 19.99) but 19 % is configured for DE: M3 would charge 3.19
		const r = canonicalOrderToM3Plan(amazon(MP.DE, 'DE', [{ sku: 'NBK', qty: 1, unit: ['19.99', 'EUR'], item: ['19.99', 'EUR'], tax: [['ITEM', '1.31']] }]), options);
		expect(r.ok).toBe(false);
		expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['vat_rate_mismatch']);
		const n = canonicalOrderToM3Plan(amazon(MP.DE, 'DE', [{ sku: 'NBK', qty: 1, unit: ['19.99', 'EUR'], item: ['19.99', 'EUR'] }]), options);
		expect(!n.ok && n.issues.map((i) => `${i.code}@${i.path}`)).toEqual(['missing_tax_breakdown@lines[0].charges']);
	});

	test('Amazon\'s own totals decide when they contradict the price mode: tax on top on a VAT-inclusive marketplace', () => {
		// proceedsTotal 23.79 = ITEM 19.99 + TAX 3.80: the price excludes the tax, but DE defaults to gross
		const o = amazon(MP.DE, 'DE', [{ sku: 'NBK', qty: 1, unit: ['19.99', 'EUR'], item: ['19.99', 'EUR'], tax: [['ITEM', '3.80']], total: '23.79' }]);
		expect(o.lines[0].taxIncluded).toBe(false);
		const r = canonicalOrderToM3Plan(o, options);
		expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['price_mode_mismatch']);
		// told so, the mapper takes the price as net: 19.99 + 19 % = 23.79
		const p = plan(o, { ...options, vat: { ...options.vat, priceMode: { [MP.DE]: 'net' } } });
		expect(p.lines[0].SAPR).toBe('19.99');
		expect(p.tax).toMatchObject({ priceMode: 'net', net: '19.99', vat: '3.80', amountDue: '23.79' });
		// proceedsTotal 19.99 = ITEM alone: the tax is inside, as the default says
		expect(amazon(MP.DE, 'DE', [{ sku: 'NBK', qty: 1, unit: ['19.99', 'EUR'], item: ['19.99', 'EUR'], tax: [['ITEM', '3.19']], total: '19.99' }]).lines[0].taxIncluded).toBe(true);
	});

	test('no rates configured: still net prices from Amazon\'s own split, and a warning that totals are not checked', () => {
		const p = plan(amazon(MP.DE, 'DE', [{ sku: 'MUG', qty: 1, unit: ['11.90', 'EUR'], item: ['11.90', 'EUR'], tax: [['ITEM', '1.90']] }]), { ...options, vat: undefined });
		expect(p.lines[0].SAPR).toBe('10.00');
		expect(p.tax).toEqual({ scheme: 'STANDARD', priceMode: 'gross', destination: 'DE', net: '10.00', amazonTax: '1.90', amountDue: '11.90' });
		expect(p.warnings?.map((w) => w.code)).toEqual(['vat_rate_not_configured']);
	});
});
