// Transaction rows: column mapping, quantity x unitPrice, and every skipped line tallied with its reason.
import { describe, expect, it } from 'vitest';
import { applyColumnMap, parseColumnMap } from '../src/io/column-map.js';
import { classifyTransactionRow, Ledger } from '../src/segments/transactions.js';

const MAP = parseColumnMap('CustomerID=customerId,InvoiceNo=orderId,InvoiceDate=timestamp,Quantity=quantity,UnitPrice=unitPrice,StockCode=sku');
const row = (InvoiceNo: string, CustomerID: string, Quantity: string, UnitPrice: string, InvoiceDate = '2011-01-02 10:30:00') =>
  applyColumnMap({ InvoiceNo, StockCode: '85123A', Description: 'HEART', Quantity, InvoiceDate, UnitPrice, CustomerID, Country: 'France' }, MAP);

describe('column map', () => {
  it('renames columns and refuses malformed pairs', () => {
    expect(row('1', '7', '2', '1.5')).toMatchObject({ orderId: '1', customerId: '7', quantity: '2', unitPrice: '1.5', Country: 'France' });
    expect(() => parseColumnMap('CustomerID')).toThrow(/From=to/);
    expect(() => parseColumnMap('A=b,A=c')).toThrow(/twice/);
  });
});

describe('classifyTransactionRow', () => {
  it('computes amount = quantity x unitPrice and reads zone-less times as UTC', () => {
    const out = classifyTransactionRow(row('536365', '17850', '6', '2.55'));
    expect(out.kind).toBe('purchase');
    if (out.kind !== 'purchase') return;
    expect(out.txn.amount).toBeCloseTo(15.3, 10);
    expect(out.txn.timestamp).toBe('2011-01-02T10:30:00.000Z');
  });

  it('gives each line that cannot count its reason', () => {
    expect(classifyTransactionRow(row('536365', '', '6', '2.55'))).toMatchObject({ kind: 'skip', reason: 'missing_customer_id' });
    expect(classifyTransactionRow(row('536365', '1', '6', '0'))).toMatchObject({ kind: 'skip', reason: 'non_positive_price' });
    expect(classifyTransactionRow(row('536365', '1', '6', '-11062.06'))).toMatchObject({ kind: 'skip', reason: 'non_positive_price' });
    expect(classifyTransactionRow(row('536365', '1', '6', '2', 'yesterday'))).toMatchObject({ kind: 'skip', reason: 'bad_date' });
    expect(classifyTransactionRow(row('536365', '1', 'six', '2'))).toMatchObject({ kind: 'skip', reason: 'invalid' });
    expect(classifyTransactionRow(row('536365', '1', '6', '2'), Date.UTC(2011, 0, 1))).toMatchObject({ kind: 'skip', reason: 'after_as_of' });
  });

  it('reads cancellation invoices and negative amounts as returns', () => {
    expect(classifyTransactionRow(row('C536379', '14527', '-1', '27.5'))).toMatchObject({ kind: 'return', cancellation: true, txn: { amount: -27.5 } });
    expect(classifyTransactionRow({ orderId: 'o1', customerId: 'a', timestamp: '2024-01-01', amount: '-5' })).toMatchObject({ kind: 'return', cancellation: false });
  });
});

describe('Ledger', () => {
  it('tallies every line and folds purchases per customer', () => {
    const l = new Ledger();
    l.addRow(row('1', '7', '2', '5', '2011-01-01 09:00:00'));
    l.addRow(row('1', '7', '1', '10', '2011-01-01 09:00:00'));
    l.addRow(row('2', '7', '1', '4', '2011-02-03 09:00:00'));
    l.addRow(row('C3', '7', '-1', '4', '2011-02-04 09:00:00'));
    l.addRow(row('4', '', '1', '4'));
    l.addRow(row('5', '8', '1', '0'));
    expect(l.rows).toBe(6);
    expect(l.purchases + l.returns + [...l.skipped.values()].reduce((s, v) => s + v, 0)).toBe(l.rows);
    const a = l.customers.get('7');
    expect(a?.orders.size).toBe(2);
    expect(a?.revenue).toBe(24);
    expect(a?.returnValue).toBe(4);
    expect(a?.days.size).toBe(2);
    expect(l.buyers().map((b) => b.customerId)).toEqual(['7']);
  });
});
