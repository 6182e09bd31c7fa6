// Transactions (docs/data-formats.md): amount, or quantity x unitPrice in its place.
import { z } from 'zod';
import { dateString } from './date.js';

const num = z.coerce.number().finite();

export const TransactionSchema = z
  .object({
    orderId: z.coerce.string().min(1, 'orderId must not be empty').max(256),
    customerId: z.coerce.string().min(1, 'customerId must not be empty').max(256),
    timestamp: dateString('timestamp'),
    amount: num.optional(),
    quantity: num.optional(),
    unitPrice: num.optional(),
    currency: z.string().max(8).optional(),
    sku: z.coerce.string().max(256).optional(),
    category: z.string().max(256).optional(),
    channel: z.string().max(64).optional(),
    country: z.string().max(128).optional(),
  })
  .refine((t) => t.amount !== undefined || (t.quantity !== undefined && t.unitPrice !== undefined), {
    message: 'needs amount, or quantity and unitPrice',
    path: ['amount'],
  })
  .transform((t) => ({ ...t, amount: t.amount ?? (t.quantity as number) * (t.unitPrice as number) }));
export type Transaction = z.output<typeof TransactionSchema>;
