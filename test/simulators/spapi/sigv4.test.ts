import { sign, verify, canonicalRequest } from '../../../simulators/spapi/sigv4';

// Published AWS Signature Version 4 test-suite vectors (aws-sig-v4-test-suite: get-vanilla, get-vanilla-query-order-key-case,
// post-vanilla), credentials AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 2015-08-30T12:36:00Z, us-east-1, service "service".
const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', region: 'us-east-1', service: 'service' };
const date = new Date(Date.UTC(2015, 7, 30, 12, 36, 0));

describe('sigv4 signer against the AWS test suite', () => {
	test('get-vanilla', () => {
		const r = sign({ ...creds, method: 'GET', url: 'https://example.amazonaws.com/', date });
		expect(r.canonicalRequest).toBe('GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		expect(r.stringToSign).toBe('AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63');
		expect(r.headers.authorization).toBe(
			'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
		);
	});
	test('get-vanilla-query-order-key-case', () => {
		const r = sign({ ...creds, method: 'GET', url: 'https://example.amazonaws.com/?Param2=value2&Param1=value1', date });
		expect(r.signature).toBe('b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
	});
	test('post-vanilla', () => {
		const r = sign({ ...creds, method: 'POST', url: 'https://example.amazonaws.com/', date });
		expect(r.signature).toBe('5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b');
	});
	test('canonical header values are trimmed and inner spaces collapsed', () => {
		const c = canonicalRequest({ method: 'GET', path: '/', query: '', headers: { host: 'h', 'my-header1': '  a   b  ' }, signedHeaders: ['host', 'my-header1'], payloadHash: 'x' });
		expect(c).toContain('my-header1:a b\n');
	});
});

describe('sigv4 verifier', () => {
	const secret = (k: string) => (k === 'AKIDEXAMPLE' ? creds.secretAccessKey : undefined);
	const now = date.getTime();
	const signed = sign({ ...creds, method: 'POST', url: 'https://example.amazonaws.com/sqs/1/q?x=1', body: '{"a":1}', headers: { 'content-type': 'application/x-amz-json-1.0' }, date });
	const req = { method: 'POST', path: '/sqs/1/q', query: 'x=1', headers: signed.headers, body: '{"a":1}' };

	test('accepts a correctly signed request', () => {
		expect(verify(req, secret, { now })).toMatchObject({ ok: true, accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'service' });
	});
	test('rejects a tampered body with SignatureDoesNotMatch', () => {
		expect(verify({ ...req, body: '{"a":2}' }, secret, { now })).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
	});
	test('rejects an unknown access key with InvalidClientTokenId', () => {
		expect(verify(req, () => undefined, { now })).toMatchObject({ ok: false, code: 'InvalidClientTokenId' });
	});
	test('rejects a missing Authorization header and stale dates', () => {
		expect(verify({ ...req, headers: { ...req.headers, authorization: '' } }, secret, { now })).toMatchObject({ ok: false, code: 'MissingAuthenticationToken' });
		expect(verify(req, secret, { now: now + 60 * 60 * 1000 })).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
	});
});
