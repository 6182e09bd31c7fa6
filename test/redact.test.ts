// redactPII(): PII must not reach storage or screens, and reference numbers, dates and prices must
// survive (analysts and agents search by them).
import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid, redactPII } from '../src/nlp/redact.js';

describe('redactPII replaces PII with typed placeholders', () => {
  const cases: [string, string][] = [
    ['email me at maggie.doyle+orders@mail.example.co.uk please', 'email me at [EMAIL] please'],
    ['Contact: j_smith@example.com.', 'Contact: [EMAIL].'],
    ['UK mobile 07700 900352 today', 'UK mobile [PHONE] today'],
    ['landline 0161 496 0732', 'landline [PHONE]'],
    ['call 020 7946 0958 or 01632 960214', 'call [PHONE] or [PHONE]'],
    ['no spaces 07700900352', 'no spaces [PHONE]'],
    ['London +44 20 7946 0958.', 'London [PHONE].'],
    ['Tel: +44 (0)141 496 0318', 'Tel: [PHONE]'],
    ['Tel:+44 161 496 0935', 'Tel:[PHONE]'],
    ['US (555) 123-4567 or 555-123-4567 or 555.123.4567', 'US [PHONE] or [PHONE] or [PHONE]'],
    ['toll free 1-800-555-0199', 'toll free [PHONE]'],
    ['+1 (555) 010-9999 ext', '[PHONE] ext'],
    ['Paris +33 1 23 45 67 89', 'Paris [PHONE]'],
    ['Dublin 00353 87 123 4567', 'Dublin [PHONE]'],
    ['reach me on 00447900248601 anytime', 'reach me on [PHONE] anytime'],
    ['My phone number is 8106028994', 'My phone number is [PHONE]'],
    ['Kyiv +380671277946', 'Kyiv [PHONE]'],
    ['my card is 4539 1488 0343 6467, expiry 08/27', 'my card is [CARD], expiry 08/27'],
    ['card 4111-1111-1111-1111', 'card [CARD]'],
    ['amex 3782 822463 10005', 'amex [CARD]'],
    ['number 4111111111111111', 'number [CARD]'],
    ['IBAN GB82 WEST 1234 5698 7654 32 please', 'IBAN [IBAN] please'],
    ['pay DE89370400440532013000', 'pay [IBAN]'],
    ['sort code 20-00-00 account number 12345678', 'sort code [SORTCODE] account number [ACCOUNT]'],
    ['Sort code: 40 11 62, acct no. 31926819', 'Sort code: [SORTCODE], acct no. [ACCOUNT]'],
    ['Account 4402 118 937. Sort it.', 'Account [ACCOUNT]. Sort it.'],
    ['reset here https://brand.example/reset?token=8f3a9c1b2d4e', 'reset here [URL]'],
    ['see https://brand.example/u/8f3a9c1b2d4e5f60718293ab/orders', 'see [URL]'],
    ['link https://track.example/?email=jo%40example.com', 'link [URL]'],
  ];
  for (const [input, expected] of cases) {
    it(input, () => {
      const r = redactPII(input);
      expect(r.text).toBe(expected);
      expect(r.count).toBe((expected.match(/\[[A-Z]+\]/g) ?? []).length);
    });
  }
});

describe('redactPII leaves non-PII alone', () => {
  const keep = [
    'order PD-3254410 arrived, and order SG-4471902 did not',
    'claim HC-558120, complaint ref CMP-20931, policy OHP-2219087, membership no. PY-2231907',
    'invoice VM-SI-220481 and account NB-20417',
    'Order MR-771203 and booking KR-311204',
    'paid £1,234.56 on 14/03/2025 at 10:02',
    'dates 2025-03-14, 14.03.2025, 3 March 2025, 12-03-25',
    '£187.22 estimated, was £96 then £101/month from May',
    'tyres 205/55 R16, app v5.2.1, solar 4.2 kWp, 38% increase',
    'I have been with you since 1998 and have 142 beans',
    'Registered in England No. 00000000',
    'order number 44711902 and 1234567890123 units',
    'tracking 1234567890 and Amazon order 111-5014070-4118645',
    'a random 16 digits 1234 5678 9012 3456 that fails Luhn',
    'card ending 9023',
    'see https://brand.example/products/blue-mug-350ml for details',
    'postcode EC2A 9ZZ, Flat 3, 27 Brunswick Street',
    'times 07:45 and 17:30, 10-11 Aug, 3-5 working days',
    '@Pawdock #fail',
  ];
  for (const text of keep) {
    it(text, () => {
      expect(redactPII(text)).toEqual({ text, count: 0 });
    });
  }
});

describe('checksums', () => {
  it('Luhn accepts real test card numbers and rejects a changed digit', () => {
    expect(luhnValid('4539 1488 0343 6467')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('4539 1488 0343 6468')).toBe(false);
  });

  it('IBAN mod-97 accepts published examples and rejects a typo', () => {
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('GB82 WEST 1234 5698 7654 33')).toBe(false);
  });
});

it('redacts many items in one long text with one count', () => {
  const unit = 'Call 07700 900352 or mail a@b.example about order PD-3254410. ';
  const r = redactPII(unit.repeat(1000));
  expect(r.count).toBe(2000);
  expect(r.text).not.toMatch(/07700|@/);
  expect(r.text.match(/PD-3254410/g)).toHaveLength(1000);
});
