import {
	addStrings,
	cmpStrings,
	decDiv,
	decRound,
	decToString,
	numberToPlain,
	parseDec,
	sumStrings,
	toFixedString,
} from '../../nodes/shared/canonical/decimal';
import { currencyScale, isKnownCurrency } from '../../nodes/shared/canonical/currency';

describe('decimal helper', () => {
	it('adds without float error', () => {
		expect(addStrings('0.1', '0.2')).toBe('0.3');
		expect(sumStrings(['19.99', '4.99', '-3.00', 0.01])).toBe('21.99');
	});
	it('rounds half-up away from zero and half-even on request', () => {
		expect(toFixedString('2.005', 2)).toBe('2.01');
		expect(toFixedString('-2.005', 2)).toBe('-2.01');
		expect(decToString(decRound(parseDec('2.125')!, 2, 'HALF_EVEN'))).toBe('2.12');
		expect(decToString(decRound(parseDec('-1.5')!, 0, 'FLOOR'))).toBe('-2');
		expect(decToString(decRound(parseDec('1.9')!, 0, 'FLOOR'))).toBe('1');
	});
	it('parses numbers exactly, including exponents', () => {
		expect(numberToPlain(1e-7)).toBe('0.0000001');
		expect(numberToPlain(1.5e21)).toBe('1500000000000000000000');
		expect(decToString(parseDec(48.35)!)).toBe('48.35');
		expect(parseDec('abc')).toBeNull();
		expect(parseDec('1.2.3')).toBeNull();
	});
	it('divides exactly or says it could not', () => {
		expect(decToString(decDiv(parseDec('30.00')!, parseDec('3')!, 6)!.value)).toBe('10');
		expect(decDiv(parseDec('10')!, parseDec('3')!, 6)!.exact).toBe(false);
		expect(decDiv(parseDec('1')!, parseDec('0')!, 6)).toBeNull();
	});
	it('compares', () => {
		expect(cmpStrings('1.10', '1.1')).toBe(0);
		expect(cmpStrings('-1', '0.5')).toBe(-1);
	});
	it('knows ISO 4217 minor units', () => {
		expect(currencyScale('USD')).toBe(2);
		expect(currencyScale('JPY')).toBe(0);
		expect(currencyScale('KWD')).toBe(3);
		expect(isKnownCurrency('XXX')).toBe(false);
	});
});
