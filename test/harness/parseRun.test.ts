// Reading the result of `n8n execute --rawOutput` (the e2e tests use it): the run's JSON document is found
// whatever n8n logs before or after it, and a missing result says why.
import { jsonDocuments, parseRun } from '../e2e/templates';

const run = {
	status: 'success',
	data: { resultData: { runData: { M3: [{ data: { main: [[{ json: { note: 'a } in a string { and "quotes"', n: 1 } }]] } }] } } },
};
const pretty = JSON.stringify(run, null, 2);

describe('parseRun (n8n execute output)', () => {
	it('finds the run between log lines, including lines with braces', () => {
		const out = [
			'Loading workflow {abc}',
			'{"level":"info","message":"Execution started"}',
			pretty,
			'Execution was successful: {"id": 12}',
			'',
		].join('\n');
		expect(parseRun(out)).toEqual(run);
	});

	it('reads a run printed on one line, and one with a trailing log object', () => {
		expect(parseRun(JSON.stringify(run))).toEqual(run);
		expect(parseRun(`${pretty}\n{"level":"debug","message":"shutdown"}\n`)).toEqual(run);
	});

	it('lists every JSON document and skips a broken one', () => {
		const docs = jsonDocuments('x { not json } y {"a":[1,{"b":"}"}]} z {"c":2');
		expect(docs).toEqual([{ a: [1, { b: '}' }] }]);
	});

	it('says why when there is no run', () => {
		expect(() => parseRun('')).toThrow(/output is empty/);
		expect(() => parseRun('Error: workflow not found')).toThrow(/no complete JSON document/);
		expect(() => parseRun('{"level":"info"}')).toThrow(/none with "status" or "data.resultData"/);
		expect(() => parseRun(pretty.slice(0, 40))).toThrow(/no complete JSON document/);
	});
});
