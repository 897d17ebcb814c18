import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { canonicalSchemas } from '../../nodes/shared/canonical/schemas';
import { amazonOrderToCanonical } from '../../nodes/shared/mapping/amazonOrder';
import { m3DeliveryToShipments } from '../../nodes/shared/mapping/shipment';
import { m3BalancesToInventoryLevels } from '../../nodes/shared/mapping/inventory';
import { financesToGlBatch } from '../../nodes/shared/mapping/ledger';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateSchemaFiles } = require('./zod-to-json-schema.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require('./helpers.js');

describe('canonical JSON Schemas (docs/canonical)', () => {
	const generated: Record<string, string> = generateSchemaFiles(canonicalSchemas);
	const committed: Record<string, string> = h.committedSchemas();

	it('committed schemas equal freshly generated ones (regenerate: test/transform/generate-schemas.js)', () => {
		expect(Object.keys(committed).sort()).toEqual(Object.keys(generated).sort());
		for (const [name, text] of Object.entries(generated)) expect(committed[name]).toBe(text);
	});

	it('mapper outputs validate against the JSON Schemas as well as zod', () => {
		const ajv = new Ajv({ strict: false, allErrors: true });
		addFormats(ajv);
		const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
		const v = (name: string, value: unknown) => {
			let validate = compiled.get(name);
			if (!validate) {
				validate = ajv.compile(JSON.parse(generated[`${name}.schema.json`]));
				compiled.set(name, validate);
			}
			const ok = validate(value);
			if (!ok) throw new Error(`${name}: ${JSON.stringify(validate.errors)}`);
			const z = canonicalSchemas[name as keyof typeof canonicalSchemas].safeParse(value);
			expect(z.success).toBe(true);
		};
		for (const f of ['order-2026-us-mfn.json', 'order-2026-de-fba.json', 'order-v0-us.json']) {
			const r = amazonOrderToCanonical(h.fixture(f));
			if (!r.ok) throw new Error(f);
			v('Order', r.value);
		}
		const s = m3DeliveryToShipments(h.fixture('m3-delivery.json'), { marketplaceId: 'ATVPDKIKX0DER' });
		if (!s.ok) throw new Error('shipment');
		v('Shipment', s.value[0]);
		const inv = m3BalancesToInventoryLevels((h.fixture('m3-balances.json') as unknown[]).map((json, index) => ({ index, json })));
		for (const l of inv.levels) v('InventoryLevel', l.level);
		const gl = financesToGlBatch([{ index: 0, json: h.fixture('finances-2024.json') }], {
			accountMap: {},
			catchAllAccount: '6999',
			clearingAccount: '1590',
			INTN: 'AMZ',
			windowStart: '2026-11-29T00:00:00Z',
			windowEnd: '2026-11-30T00:00:00Z',
		});
		for (const e of gl.batches[0].batch.entries) v('LedgerEntry', e);
	});

	it('rejects floats for money', () => {
		expect(canonicalSchemas.Money.safeParse({ amount: 19.99, currency: 'USD' }).success).toBe(false);
		expect(canonicalSchemas.Money.safeParse({ amount: '1e3', currency: 'USD' }).success).toBe(false);
	});
});
