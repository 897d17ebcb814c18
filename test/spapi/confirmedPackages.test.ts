import { ConfirmedPackages } from '../../nodes/shared/spapi';

const HOUR = 60 * 60 * 1000;

describe('ConfirmedPackages (the confirmShipment memory of a process)', () => {
	test('remembers a package for 24 hours, then forgets it', () => {
		let t = 1_000_000;
		const m = new ConfirmedPackages({ now: () => t });
		m.set('ep|seller|113-1#1', '1Z1');
		t += 24 * HOUR - 1;
		expect(m.get('ep|seller|113-1#1')).toBe('1Z1');
		t += 1;
		expect(m.get('ep|seller|113-1#1')).toBeUndefined();
		expect(m.size).toBe(0);
	});

	test('confirming again renews the entry and keeps the latest tracking number', () => {
		let t = 0;
		const m = new ConfirmedPackages({ now: () => t });
		m.set('k', 'A');
		t += 20 * HOUR;
		m.set('k', 'B');
		t += 20 * HOUR;
		expect(m.get('k')).toBe('B');
	});

	test('holds at most 10,000 packages: the oldest is evicted first', () => {
		let t = 0;
		const m = new ConfirmedPackages({ now: () => t });
		expect(m.maxEntries).toBe(10000);
		for (let n = 0; n < 10000; n++) {
			t++;
			m.set(`k${n}`, `T${n}`);
		}
		expect(m.size).toBe(10000);
		m.set('k0', 'T0'); // renewed: now the newest
		t++;
		m.set('k10000', 'T10000');
		expect(m.size).toBe(10000);
		expect(m.get('k1')).toBeUndefined(); // the oldest after k0's renewal
		expect(m.get('k0')).toBe('T0');
		expect(m.get('k2')).toBe('T2');
		expect(m.get('k10000')).toBe('T10000');
	});

	test('expired entries are dropped when a new package is remembered', () => {
		let t = 0;
		const m = new ConfirmedPackages({ now: () => t, maxEntries: 5 });
		m.set('a', '1');
		m.set('b', '2');
		t += 24 * HOUR;
		m.set('c', '3');
		expect(m.size).toBe(1);
		expect(m.get('c')).toBe('3');
	});
});
