import { canonicalQueryString, signRequest, signingKey, sha256Hex, withQuery } from '../../nodes/shared/aws/sigv4';

/** aws-sig-v4-test-suite credentials and clock (also used by the IAM documentation example). */
const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const DATE = new Date('2015-08-30T12:36:00Z');
const SUITE = { region: 'us-east-1', service: 'service', date: DATE };
const PREFIX = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=';

describe('SigV4 signer: AWS published vectors', () => {
	it.each([
		['get-vanilla', 'GET', 'https://example.amazonaws.com/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
		[
			'get-vanilla-query-order-key-case',
			'GET',
			'https://example.amazonaws.com/?Param2=value2&Param1=value1',
			'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
		],
		['get-utf8', 'GET', 'https://example.amazonaws.com/\u1234', '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85'],
		['post-vanilla', 'POST', 'https://example.amazonaws.com/', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
		[
			'post-vanilla-query',
			'POST',
			'https://example.amazonaws.com/?Param1=value1',
			'28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11',
		],
	])('%s', (_name, method, url, signature) => {
		const r = signRequest({ method, url }, CREDS, SUITE);
		expect(r.authorization).toBe(PREFIX + signature);
		expect(r.headers['x-amz-date']).toBe('20150830T123600Z');
	});

	it('get-vanilla: canonical request and string to sign as published', () => {
		const r = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/' }, CREDS, SUITE);
		expect(r.canonicalRequest).toBe(
			'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		);
		expect(r.stringToSign).toBe(
			'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63',
		);
	});

	it('IAM ListUsers documentation example (content-type signed)', () => {
		const r = signRequest(
			{
				method: 'GET',
				url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
			},
			CREDS,
			{ region: 'us-east-1', service: 'iam', date: DATE },
		);
		expect(sha256Hex(r.canonicalRequest)).toBe('f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59');
		expect(signingKey(CREDS.secretAccessKey, '20150830', 'us-east-1', 'iam').toString('hex')).toBe(
			'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9',
		);
		expect(r.authorization).toBe(
			'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
		);
	});
});

describe('SigV4 signer: behaviour', () => {
	it('signs the session token and x-amz-* headers, not user-agent; host includes a non-default port', () => {
		const r = signRequest(
			{
				method: 'POST',
				url: 'http://127.0.0.1:4567/sqs',
				headers: { 'X-Amz-Target': 'AmazonSQS.ReceiveMessage', 'Content-Type': 'application/x-amz-json-1.0', 'User-Agent': 'n8n' },
				body: '{}',
			},
			{ ...CREDS, sessionToken: 'TOKEN' },
			{ region: 'us-east-1', service: 'sqs', date: DATE },
		);
		expect(r.host).toBe('127.0.0.1:4567');
		expect(r.signedHeaders).toBe('content-type;host;x-amz-date;x-amz-security-token;x-amz-target');
		expect(r.headers['x-amz-security-token']).toBe('TOKEN');
		expect(r.headers['User-Agent']).toBe('n8n');
		expect(r.canonicalRequest.endsWith(sha256Hex('{}'))).toBe(true);
	});

	it('encodes queries the RFC 3986 way and sorts them', () => {
		expect(canonicalQueryString('b=2&a=x y&A=%2F')).toBe('A=%2F&a=x%20y&b=2');
		expect(withQuery('https://h/p', { b: 'a b', a: ['1', '2'], c: undefined })).toBe('https://h/p?b=a%20b&a=1&a=2');
	});
});
