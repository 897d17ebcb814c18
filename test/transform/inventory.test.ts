import Ajv from 'ajv';
import {
	changedOnly,
	inventoryLevelsToFeeds,
	inventoryLevelToPatchItem,
	m3BalancesToInventoryLevels,
	messageIdForSku,
	parseFigure,
	sellableQuantity,
} from '../../nodes/shared/mapping/inventory';
import { InventoryLevelSchema } from '../../nodes/shared/canonical/schemas';
import { parseDec } from '../../nodes/shared/canonical/decimal';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require('./helpers.js');

const records = () => (h.fixture('m3-balances.json') as unknown[]).map((json, index) => ({ index, json }));

describe('M3 balance -> InventoryLevel -> Amazon quantity', () => {
	it('sums warehouses, applies the figure and reports bad records', () => {
		const r = m3BalancesToInventoryLevels(records());
		expect(r.levels.map((l) => [l.level.sku, l.level.available.value, l.level.quantity, l.sources])).toEqual([
			['EP-BLK', '24.500000', 24, [0, 1]],
			['ED5', '-2', 0, [2]],
			['NOSKU', '9', 9, [3]],
		]);
		for (const l of r.levels) expect(InventoryLevelSchema.safeParse(l.level).success).toBe(true);
		expect(r.invalid).toEqual([{ index: 4, issues: [{ path: 'ITNO', code: 'missing_field', message: 'Balance record has no ITNO' }] }]);
	});
	it('supports STQT - REQT, warehouse filter, SKU map, overrides, buffer and clamp', () => {
		const r = m3BalancesToInventoryLevels(records(), {
			figure: 'STQT - REQT',
			warehouses: ['001'],
			itemMode: 'map',
			skuMap: { 'ECHO-POP': 'EP-BLK', 'ECHO-POP-B': 'EP-BLK', 'ECHO-DOT': 'ED5' },
			bufferType: 'absolute',
			bufferValue: 3,
			max: 15,
			overrides: { 'ECHO-POP-B': { fixed: 5 }, 'ECHO-DOT': { exclude: true } },
		});
		expect(r.levels.map((l) => [l.level.sku, l.level.quantity])).toEqual([
			['ECHO-POP', 15],
			['ECHO-POP-B', 5],
		]);
		// NOSKU has no REQT; record 4 has no ITNO
		expect(r.invalid.map((x) => [x.index, x.issues[0].code]).sort()).toEqual([
			[3, 'missing_figure'],
			[4, 'missing_field'],
		]);
	});
	it('reports M3 items without SKU in map mode', () => {
		const r = m3BalancesToInventoryLevels(records(), { itemMode: 'map', skuMap: { 'ECHO-POP': 'EP-BLK' } });
		expect(r.invalid.map((x) => [x.index, x.issues[0].code]).sort()).toEqual([
			[2, 'item_not_mapped'],
			[3, 'item_not_mapped'],
			[4, 'missing_field'],
		]);
	});
	it('rounds down after a percent buffer and clamps at min', () => {
		expect(sellableQuantity(parseDec('24.5')!, { bufferType: 'percent', bufferValue: 10 })).toBe(22);
		expect(sellableQuantity(parseDec('10')!, { bufferType: 'absolute', bufferValue: '12' })).toBe(0);
		expect(sellableQuantity(parseDec('10')!, { min: 2, bufferValue: 9 })).toBe(2);
		expect(sellableQuantity(parseDec('9.99')!, {})).toBe(9);
		expect(parseFigure('STQT - REQT + QUQT')).toEqual([
			{ sign: 1, field: 'STQT' },
			{ sign: -1, field: 'REQT' },
			{ sign: 1, field: 'QUQT' },
		]);
		expect(parseFigure('STQT * 2')).toBeNull();
		expect(m3BalancesToInventoryLevels(records(), { figure: 'bad figure' }).configIssues[0].code).toBe('invalid_option');
	});
	it('builds the patch item of docs/contracts.md', () => {
		const { levels } = m3BalancesToInventoryLevels(records());
		expect(inventoryLevelToPatchItem(levels[0].level)).toEqual({
			sku: 'EP-BLK',
			quantity: 24,
			productType: 'PRODUCT',
			patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 24 }] }],
		});
	});
	it('builds JSON_LISTINGS_FEED documents valid against Amazon schema, stable messageIds, chunks of 25,000', () => {
		const { levels } = m3BalancesToInventoryLevels(records());
		const feeds = inventoryLevelsToFeeds(levels.map((l) => l.level), { sellerId: 'A2SELLER' });
		expect(feeds).toHaveLength(1);
		expect(feeds[0].header).toEqual({ sellerId: 'A2SELLER', version: '2.0', issueLocale: 'en_US' });
		expect(feeds[0].messages.find((m) => m.sku === 'EP-BLK')?.messageId).toBe(messageIdForSku('EP-BLK'));
		const schema = h.listingsFeedSchema();
		if (schema) {
			const ajv = new Ajv({ strict: false, allErrors: true });
			const validate = ajv.compile(schema);
			expect(validate(feeds[0])).toBe(true);
		}
		const many = Array.from({ length: 30001 }, (_, i) => ({ ...levels[0].level, sku: `SKU-${i}` }));
		const chunks = inventoryLevelsToFeeds(many, { sellerId: 'S', maxMessages: 25000 });
		expect(chunks.map((c) => c.messages.length)).toEqual([25000, 5001]);
		const ids = new Set(chunks[0].messages.map((m) => m.messageId));
		expect(ids.size).toBe(25000);
		const again = inventoryLevelsToFeeds(many, { sellerId: 'S' });
		expect(again[1].messages[7].messageId).toBe(chunks[1].messages[7].messageId);
	});
	it('keeps only changed quantities given the previous state', () => {
		const { levels } = m3BalancesToInventoryLevels(records());
		const { changed, unchanged } = changedOnly(levels, { 'EP-BLK': 24, ED5: 3 });
		expect(changed.map((c) => c.level.sku)).toEqual(['ED5', 'NOSKU']);
		expect(unchanged).toBe(1);
	});
});

describe('conformance: patch body vs listingsItems ListingsItemPatchRequest', () => {
	it('validates', () => {
		const schema = h.modelDefinitionSchema('listingsItems_2021-08-01.json', 'ListingsItemPatchRequest');
		if (!schema) return;
		const ajv = new Ajv({ strict: false, allErrors: true });
		const validate = ajv.compile(schema);
		const { levels } = m3BalancesToInventoryLevels(records());
		const item = inventoryLevelToPatchItem(levels[0].level);
		const ok = validate({ productType: item.productType, patches: item.patches });
		if (!ok) throw new Error(JSON.stringify(validate.errors));
	});
});
