import { SHAPES, probe } from '../../scripts/lib/xml-memory-probe';
import { compiledDir } from '../harness/compiled';

// Each shape is read in its own child process (old space capped at 64 MB) from the transpiled sources (no build needed).
// Without the node budget the first shape alone needs ~300 MB and the child dies at the cap.
describe('XML reader memory: a hostile 10 MB body stays under 4x its size (child process, capped heap)', () => {
	const shapes = Object.keys(SHAPES) as Array<keyof typeof SHAPES>;
	it.each(shapes)('%s', (shape) => {
		const r = probe(shape, { dist: compiledDir() });
		expect({ shape, status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ shape, status: 0, stderr: '' });
		expect(r.bodyBytes).toBeGreaterThan(9.5 * 1024 * 1024);
		expect(r.ratio).toBeLessThan(4);
		if (shape === 'references') expect(r.outcome).toBe('accepted xml');
		else expect(r.outcome).toBe('413 TOO_MANY_NODES');
	});
});
