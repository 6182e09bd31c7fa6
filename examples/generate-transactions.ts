// Writes examples/transactions.csv: the purchase history behind the example corpus.
// Each customer's plan follows the story their messages tell (see examples/README.md); the
// seeded PRNG only jitters days and picks items, so re-running gives byte-identical output.
// Run: npx tsx examples/generate-transactions.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seededRandom as mulberry32 } from '../src/random.js';

const WINDOW_START = '2024-01-01';
const WINDOW_END = '2025-12-31';
const DAY = 86_400_000;

const rand = mulberry32(20240101);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

type Item = readonly [sku: string, category: string, amount: number];

/** A repeating charge or delivery: same item every `days` (monthly bills use day-of-month). */
interface Every {
  kind: 'every';
  item: Item;
  from: string;
  to?: string;
  /** days between deliveries; 'month' bills on the same day each month. */
  days: number | 'month';
  /** price changes: [from date, new amount]. */
  prices?: readonly (readonly [string, number])[];
  /** date ranges with no delivery (pauses, skips). */
  gaps?: readonly (readonly [string, string])[];
  jitter?: number;
  channel: string;
}
/** Occasional purchases drawn from a pool; `distinct` buys each item once, in list order (release order). */
interface Pool {
  kind: 'pool';
  items: readonly Item[];
  from: string;
  to?: string;
  perYear: number;
  distinct?: boolean;
  /** share of purchases sent back 10-30 days later (a negative row). */
  returnRate?: number;
  /** quantity range per order (trade customers). */
  qty?: readonly [number, number];
  gaps?: readonly (readonly [string, string])[];
  channel: string;
}
/** A dated event the messages mention (a specific order, refund, chargeback). */
type Once = readonly [date: string, item: Item, channel: string, orderId?: string];

interface Plan {
  customerId: string;
  brand: 'RO' | 'FW' | 'HB';
  country: string;
  streams: readonly (Every | Pool)[];
  once?: readonly Once[];
}

const PLANS: readonly Plan[] = [
  // --- basic exchange: the same item again and again -------------------------------------------
  { customerId: 'ex-c001', brand: 'HB', country: 'GB', streams: [
    { kind: 'every', item: ['HB-ESP-HOUSE-1KG', 'beans', 21], from: '2024-01-04', to: '2024-06-12', days: 28, channel: 'subscription' },
    { kind: 'every', item: ['HB-ESP-HOUSE-2KG', 'beans', 42], from: '2024-06-13', days: 56, jitter: 1, channel: 'subscription' },
  ] },
  { customerId: 'ex-c002', brand: 'FW', country: 'GB', streams: [
    { kind: 'every', item: ['FW-SIM-30GB-1M', 'mobile_plan', 15], from: '2024-01-02', to: '2024-03-31', days: 'month', channel: 'direct_debit' },
    { kind: 'every', item: ['FW-SIM-30GB-12M', 'mobile_plan', 12], from: '2024-04-02', days: 'month', prices: [['2025-04-01', 12.6], ['2025-07-02', 12]], channel: 'direct_debit' },
  ], once: [['2025-01-02', ['FW-PREMIUM-RATE-CALLS', 'usage', 3.6], 'direct_debit']] },
  { customerId: 'ex-c003', brand: 'RO', country: 'IE', streams: [
    { kind: 'every', item: ['RO-SOCK-MERINO-M-3PK', 'socks', 48], from: '2024-01-20', days: 120, jitter: 10, prices: [['2025-05-01', 51]], channel: 'web' },
    { kind: 'every', item: ['RO-GAS-230-4PK', 'fuel', 26], from: '2024-03-02', days: 90, jitter: 12, channel: 'web' },
  ] },
  { customerId: 'ex-c004', brand: 'HB', country: 'GB', streams: [
    { kind: 'every', item: ['HB-CAPS-DECAF-40', 'capsules', 13.9], from: '2024-01-08', to: '2024-05-09', days: 28, channel: 'subscription' },
    { kind: 'every', item: ['HB-CAPS-DECAF-40', 'capsules', 13.9], from: '2024-05-27', days: 21, prices: [['2025-08-01', 14.5]], gaps: [['2025-11-12', '2025-11-30']], channel: 'subscription' },
  ] },
  { customerId: 'ex-c036', brand: 'HB', country: 'GB', streams: [
    { kind: 'every', item: ['HB-HOUSE-1KG', 'beans', 21], from: '2024-01-19', days: 28, prices: [['2024-06-01', 23.5]], channel: 'subscription' },
  ] },
  // --- business partners: steady trade volume, joint projects --------------------------------------
  { customerId: 'ex-c005', brand: 'FW', country: 'IE', streams: [
    { kind: 'every', item: ['FW-BIZ-FLEET-64', 'business_plan', 896], from: '2024-01-05', to: '2024-08-31', days: 'month', channel: 'invoice' },
    { kind: 'every', item: ['FW-BIZ-POOL-64', 'business_plan', 832], from: '2024-09-05', days: 'month', prices: [['2025-06-05', 868]], channel: 'invoice' },
  ], once: [
    ['2024-03-28', ['FW-BIZ-DATA-TOPUP', 'usage', 84], 'invoice'],
    ['2025-06-05', ['FW-BIZ-ESIM-PORTAL', 'business_addon', 36], 'invoice'],
  ] },
  { customerId: 'ex-c006', brand: 'RO', country: 'GB', streams: [
    { kind: 'pool', items: [['RO-STORMPRO-GROUP', 'jackets', 112], ['RO-OVERTROUSER', 'trousers', 45], ['RO-GLOVE-LINER', 'accessories', 9], ['RO-HAT-BEANIE', 'accessories', 12]], from: '2024-03-01', perYear: 6, qty: [4, 12], channel: 'trade' },
  ], once: [
    ['2024-02-20', ['RO-STORMPRO-GROUP', 'jackets', 6720], 'trade'],
    ['2024-02-20', ['RO-OVERTROUSER', 'trousers', 1800], 'trade'],
    ['2024-02-21', ['RO-PACK-ASPECT40', 'packs', 2040], 'trade'],
    ['2025-02-18', ['RO-STORMPRO-GROUP-8ZIP', 'jackets', 7080], 'trade'],
    ['2025-02-18', ['RO-OVERTROUSER', 'trousers', 1620], 'trade'],
    ['2025-10-14', ['RO-REFURB-CREDIT', 'trade_credit', -1450], 'trade'],
  ] },
  { customerId: 'ex-c007', brand: 'HB', country: 'GB', streams: [
    { kind: 'pool', items: [['HB-WS-ESPRESSO-1KG', 'wholesale_beans', 17.5]], from: '2024-01-04', to: '2025-06-30', perYear: 50, qty: [8, 14], channel: 'trade' },
    { kind: 'every', item: ['HB-WS-ESPRESSO-12KG', 'wholesale_beans', 210], from: '2025-07-03', days: 7, channel: 'trade' },
  ], once: [
    ['2024-08-01', ['HB-WS-ANNIV-BLEND-250', 'wholesale_beans', 630], 'trade'],
    ['2025-03-06', ['HB-WS-SPRING-BLEND-250', 'wholesale_beans', 588], 'trade'],
  ] },
  { customerId: 'ex-c008', brand: 'RO', country: 'GB', streams: [
    { kind: 'pool', items: [['RO-PEG-Y-6PK', 'accessories', 14], ['RO-STOVE-PICO', 'cooking', 39], ['RO-MAT-ULTRA', 'sleeping', 79], ['RO-DRYBAG-20', 'accessories', 18], ['RO-HEADTORCH-300', 'lighting', 34]], from: '2024-01-15', perYear: 3, channel: 'web' },
  ], once: [['2024-05-10', ['RO-TENT-TRAILHEAD2', 'tents', 289], 'web']] },
  { customerId: 'ex-c038', brand: 'RO', country: 'GB', streams: [
    { kind: 'pool', items: [['RO-GAITER-ALPINE', 'accessories', 42], ['RO-STORMPRO', 'jackets', 189], ['RO-MAP-CASE', 'accessories', 16], ['RO-BIVVY-GROUP', 'shelters', 65], ['RO-COMPASS-PRO', 'navigation', 38]], from: '2024-01-10', perYear: 8, qty: [1, 6], channel: 'trade' },
  ] },
  // --- flings: a stream of new things, the old ones sent back --------------------------------------
  { customerId: 'ex-c009', brand: 'RO', country: 'GB', streams: [
    { kind: 'pool', distinct: true, returnRate: 0.3, from: '2024-01-05', perYear: 11, channel: 'app', items: [
      ['RO-PULSE-JKT-24', 'jackets', 160], ['RO-VOLTLINE-SHELL-GRN', 'jackets', 220], ['RO-VOLTLINE-SHELL-ORG', 'jackets', 220], ['RO-FLEECE-GRID-NEON', 'midlayers', 85],
      ['RO-CAP-DROP-07', 'accessories', 25], ['RO-CAIRN-COLLAB-PACK', 'packs', 145], ['RO-HOODIE-COLLAB', 'tops', 70], ['RO-BEANIE-DROP-11', 'accessories', 22],
      ['RO-SUMMIT-LITE-BOOT', 'footwear', 175], ['RO-TRAIL-FLY-3', 'footwear', 130], ['RO-GLOVE-TOUCH-LTD', 'accessories', 30], ['RO-TEE-LTD-SUMMER25', 'tops', 35],
      ['RO-SHORTS-SPLIT', 'bottoms', 55], ['RO-BUMBAG-REFLECT', 'accessories', 40], ['RO-TRAIL-FLY-4', 'footwear', 140], ['RO-APPROACH-SHOE-X', 'footwear', 120],
      ['RO-VEST-ALPHA', 'midlayers', 110], ['RO-WINTER25-PUFFER', 'jackets', 240], ['RO-SUMMIT-LITE-BOOT-2', 'footwear', 185], ['RO-RAIN-PANT-VOLT', 'bottoms', 95],
      ['RO-TEE-LTD-WINTER25', 'tops', 35], ['RO-SOCK-LTD-CAMO', 'socks', 18],
    ] },
  ] },
  { customerId: 'ex-c010', brand: 'FW', country: 'GB', streams: [
    { kind: 'every', item: ['FW-SIM-UNLIMITED', 'mobile_plan', 30], from: '2024-01-12', days: 'month', prices: [['2025-04-01', 31.5]], channel: 'direct_debit' },
  ], once: [
    ['2024-03-15', ['FW-EARBUDS-AIR2', 'accessories', 149], 'web'],
    ['2024-09-06', ['FW-LUMEN9-GLACIER', 'handsets', 999], 'web'],
    ['2024-10-03', ['FW-FOLD-AIR', 'handsets', 1599], 'web'],
    ['2024-10-10', ['FW-TRADEIN-LUMEN9', 'trade_in', -620], 'web'],
    ['2025-02-20', ['FW-WATCH-S2', 'wearables', 299], 'web'],
    ['2025-09-12', ['FW-FLIP3-LILAC', 'handsets', 1099], 'web'],
    ['2025-09-19', ['FW-TRADEIN-FOLD-AIR', 'trade_in', -700], 'web'],
  ] },
  { customerId: 'ex-c011', brand: 'HB', country: 'GB', streams: [
    { kind: 'every', item: ['HB-HOUSE-500', 'beans', 12.5], from: '2024-01-08', to: '2024-03-17', days: 28, channel: 'subscription' },
    { kind: 'pool', distinct: true, from: '2024-03-20', perYear: 14, gaps: [['2024-07-29', '2024-10-06']], channel: 'app', items: [
      ['HB-EXPLORER-COL-PINKBOURBON', 'limited_beans', 17], ['HB-EXPLORER-RWANDA', 'limited_beans', 16], ['HB-EXPLORER-BRAZIL-YELLOW', 'limited_beans', 15],
      ['HB-EXPLORER-BURUNDI', 'limited_beans', 17], ['HB-FESTIVE-TIN-24', 'limited_beans', 21], ['HB-EXPLORER-PERU-GEISHA', 'limited_beans', 24], ['HB-SPRING-ROAST-25', 'limited_beans', 17],
      ['HB-NIGHTJAR-01', 'limited_beans', 22], ['HB-EXPLORER-YEMEN', 'limited_beans', 28], ['HB-NIGHTJAR-02', 'limited_beans', 22], ['HB-EXPLORER-PANAMA', 'limited_beans', 26],
      ['HB-EXPLORER-ECUADOR', 'limited_beans', 19], ['HB-EXPLORER-GUJI', 'limited_beans', 18], ['HB-NIGHTJAR-03', 'limited_beans', 23], ['HB-EXPLORER-HONDURAS-ANA', 'limited_beans', 18],
      ['HB-EXPLORER-COSTA-RICA', 'limited_beans', 18], ['HB-EXPLORER-TANZANIA', 'limited_beans', 16], ['HB-EXPLORER-CHINA-YUNNAN', 'limited_beans', 19], ['HB-EXPLORER-INDIA-MONSOON', 'limited_beans', 16],
      ['HB-FESTIVE-TIN-25', 'limited_beans', 22],
    ] },
  ], once: [
    ['2024-01-24', ['HB-YIRGACHEFFE-LTD', 'limited_beans', 16], 'app'],
    ['2024-03-30', ['HB-KETTLE-POUROVER', 'equipment', 55], 'app'],
    ['2024-10-07', ['HB-KENYA-KARATU-LTD', 'limited_beans', 18], 'chat'],
    ['2024-10-07', ['HB-DRIPPER-CERAMIC', 'equipment', 32], 'chat'],
  ] },
  { customerId: 'ex-c012', brand: 'RO', country: 'GB', streams: [
    { kind: 'pool', distinct: true, returnRate: 0.35, from: '2024-01-10', perYear: 7, channel: 'web', items: [
      ['RO-VANTAGE-3', 'footwear', 135], ['RO-VANTAGE-3-GTX-SLATE', 'footwear', 165], ['RO-ASPECT30-UL', 'packs', 140], ['RO-WIND-SHELL-LITE', 'jackets', 130],
      ['RO-VANTAGE-4', 'footwear', 145], ['RO-STRATUS-JKT-25', 'jackets', 210], ['RO-RUNVEST-8', 'packs', 85], ['RO-STRATUS-JKT-25B', 'jackets', 199],
      ['RO-TRAIL-SHORTS-25', 'bottoms', 50], ['RO-VANTAGE-4-LTD-DUNE', 'footwear', 160], ['RO-POLES-CARBON-Z', 'accessories', 120], ['RO-ASPECT30-UL-V2', 'packs', 150],
    ] },
  ] },
  { customerId: 'ex-c039', brand: 'HB', country: 'GB', streams: [
    { kind: 'pool', distinct: true, from: '2024-04-05', perYear: 9, channel: 'app', items: [
      ['HB-KENYA-NYERI-LTD', 'limited_beans', 17], ['HB-COLD-BREW-KIT', 'equipment', 35], ['HB-COLOMBIA-GEISHA-LTD', 'limited_beans', 29], ['HB-PANAMA-LTD', 'limited_beans', 26],
      ['HB-FESTIVE-TIN-24', 'limited_beans', 21], ['HB-BREWER-BUNDLE-25', 'equipment', 79], ['HB-ETHIOPIA-GUJI-LTD', 'limited_beans', 18], ['HB-SPRING-ROAST-25', 'limited_beans', 17],
      ['HB-NIGHTJAR-01', 'limited_beans', 22], ['HB-MUG-DROP-SET', 'equipment', 28], ['HB-NIGHTJAR-02', 'limited_beans', 22], ['HB-YEMEN-LTD', 'limited_beans', 28],
      ['HB-ROASTERS-CHOICE-AUT25', 'limited_beans', 19], ['HB-NIGHTJAR-03', 'limited_beans', 23], ['HB-GRINDER-HAND', 'equipment', 89], ['HB-FESTIVE-TIN-25', 'limited_beans', 22],
    ] },
  ], once: [['2024-04-20', ['HB-KENYA-NYERI-LTD', 'limited_beans', 51], 'app']] },
  { customerId: 'ex-c041', brand: 'HB', country: 'GB', streams: [
    { kind: 'pool', distinct: true, from: '2024-06-10', perYear: 6, channel: 'app', items: [
      ['HB-COCONUT-BRAZIL-LTD', 'limited_beans', 18], ['HB-SUMMER-TUMBLER', 'equipment', 24], ['HB-COLD-BREW-REFILL-4', 'beans', 16], ['HB-FESTIVE-TIN-24', 'limited_beans', 21],
      ['HB-PANAMA-LTD', 'limited_beans', 26], ['HB-SPRING-ROAST-25', 'limited_beans', 17], ['HB-NIGHTJAR-01', 'limited_beans', 22], ['HB-ICED-LATTE-KIT', 'equipment', 32],
      ['HB-MUG-DROP-SET', 'equipment', 28], ['HB-NIGHTJAR-02', 'limited_beans', 22], ['HB-YEMEN-LTD', 'limited_beans', 28], ['HB-FESTIVE-TIN-25', 'limited_beans', 22],
    ] },
  ] },
  // --- best friends: long tenure, steady, personal events ------------------------------------------
  { customerId: 'ex-c013', brand: 'HB', country: 'GB', streams: [
    { kind: 'every', item: ['HB-SUMATRA-1KG', 'beans', 23], from: '2024-01-10', to: '2024-02-29', days: 28, channel: 'subscription' },
    { kind: 'every', item: ['HB-SUMATRA-250', 'beans', 7.5], from: '2024-03-07', days: 14, gaps: [['2025-10-10', '2025-11-30']], prices: [['2024-08-01', 7.9]], channel: 'subscription' },
  ], once: [['2024-12-09', ['HB-GIFT-BOX-WINTER', 'gifts', 35], 'chat']] },
  { customerId: 'ex-c014', brand: 'FW', country: 'GB', streams: [
    { kind: 'every', item: ['FW-PLAN-10GB', 'mobile_plan', 14], from: '2024-01-18', days: 'month', prices: [['2025-04-01', 14.6]], channel: 'direct_debit' },
    { kind: 'every', item: ['FW-PLAN-EASY', 'mobile_plan', 9], from: '2024-04-18', to: '2025-02-17', days: 'month', channel: 'direct_debit' },
    { kind: 'every', item: ['FW-PLAN-BASIC', 'mobile_plan', 6], from: '2025-02-18', to: '2025-08-05', days: 'month', channel: 'direct_debit' },
  ], once: [['2024-04-11', ['FW-EASY4-HANDSET', 'handsets', 89], 'phone']] },
  { customerId: 'ex-c015', brand: 'HB', country: 'NL', streams: [
    { kind: 'every', item: ['HB-HOUSE-500', 'beans', 14], from: '2024-01-15', to: '2024-05-01', days: 28, channel: 'subscription' },
    { kind: 'every', item: ['HB-DECAF-COLOMBIA-500', 'beans', 15], from: '2024-05-03', to: '2024-09-08', days: 28, channel: 'subscription' },
    { kind: 'every', item: ['HB-DECAF-COLOMBIA-1KG', 'beans', 27], from: '2024-09-10', days: 21, jitter: 1, channel: 'subscription' },
  ] },
  { customerId: 'ex-c016', brand: 'FW', country: 'GB', streams: [
    { kind: 'every', item: ['FW-LANDLINE-BASIC', 'landline', 22], from: '2024-01-03', days: 'month', prices: [['2025-04-01', 23.2]], channel: 'direct_debit' },
    { kind: 'every', item: ['FW-SIM-5GB', 'mobile_plan', 8], from: '2024-01-03', days: 'month', channel: 'direct_debit' },
  ] },
  { customerId: 'ex-c035', brand: 'RO', country: 'IE', streams: [
    { kind: 'pool', items: [['RO-SOCK-MERINO-W', 'socks', 17], ['RO-BLISTER-KIT', 'first_aid', 12], ['RO-DRYBAG-10', 'accessories', 14], ['RO-BASE-TEE-MERINO', 'tops', 55]], from: '2024-03-15', perYear: 3, channel: 'web' },
  ], once: [
    ['2024-03-12', ['RO-PACK-ASPECT32-W', 'packs', 120], 'chat'],
    ['2024-04-02', ['RO-RAIN-PONCHO', 'jackets', 45], 'web'],
    ['2025-09-15', ['RO-PACK-ASPECT28-W', 'packs', 115], 'chat'],
  ] },
  { customerId: 'ex-c040', brand: 'FW', country: 'GB', streams: [
    { kind: 'every', item: ['FW-SIM-50GB', 'mobile_plan', 20], from: '2024-01-22', days: 'month', prices: [['2025-04-01', 21]], channel: 'direct_debit' },
    { kind: 'every', item: ['FW-SIM-ADD-LINE', 'mobile_plan', 8], from: '2024-12-22', days: 'month', channel: 'direct_debit' },
  ] },
  // --- buddies: light, irregular, shopping around ----------------------------------------------------
  { customerId: 'ex-c017', brand: 'RO', country: 'GB', streams: [
    { kind: 'pool', items: [['RO-SOCK-MERINO-L', 'socks', 16], ['RO-GAS-450', 'fuel', 9.5], ['RO-STORMPRO', 'jackets', 189], ['RO-BUFF', 'accessories', 15], ['RO-HEADTORCH-300', 'lighting', 34]], from: '2024-03-13', perYear: 3, channel: 'web' },
  ] },
  { customerId: 'ex-c018', brand: 'HB', country: 'GB', streams: [
    { kind: 'every', item: ['HB-SEASONAL-250', 'beans', 9.5], from: '2024-01-05', to: '2024-09-18', days: 28, gaps: [['2024-02-06', '2024-03-01']], channel: 'subscription' },
    { kind: 'every', item: ['HB-SEASONAL-250', 'beans', 9.5], from: '2024-10-01', days: 42, gaps: [['2025-03-04', '2025-05-04']], channel: 'subscription' },
  ] },
  { customerId: 'ex-c019', brand: 'FW', country: 'GB', streams: [
    { kind: 'every', item: ['FW-SIM-20GB-1M', 'mobile_plan', 10], from: '2024-01-17', to: '2025-09-30', days: 'month', channel: 'direct_debit' },
    { kind: 'every', item: ['FW-SIM-10GB-1M', 'mobile_plan', 7], from: '2025-10-17', days: 'month', channel: 'direct_debit' },
  ], once: [['2024-12-05', ['FW-ROAM-EU-WEEK', 'roaming', 5], 'app']] },
  { customerId: 'ex-c020', brand: 'RO', country: 'GB', streams: [
    { kind: 'pool', items: [['RO-FLEECE-CLASSIC', 'midlayers', 45], ['RO-MAP-CASE', 'accessories', 16], ['RO-FLASK-500', 'accessories', 22], ['RO-GAITER-LITE', 'accessories', 28]], from: '2024-02-01', perYear: 2, channel: 'web' },
  ], once: [['2025-05-06', ['RO-SPARE-POLE-T2-2019', 'spares', 24], 'phone']] },
  { customerId: 'ex-c037', brand: 'FW', country: 'GB', streams: [
    { kind: 'every', item: ['FW-SIM-30GB-1M', 'mobile_plan', 13], from: '2024-03-28', to: '2024-12-31', days: 'month', channel: 'direct_debit' },
    { kind: 'every', item: ['FW-SIM-30GB-1M', 'mobile_plan', 13], from: '2025-04-28', days: 'month', channel: 'direct_debit' },
  ], once: [['2025-09-01', ['FW-ROAM-WORLD', 'roaming', 15], 'app']] },
  // --- master-servant: high spend, goodwill credits, express everything ----------------------------
  { customerId: 'ex-c021', brand: 'FW', country: 'GB', streams: [
    { kind: 'every', item: ['FW-PLATINUM-6-LINES', 'mobile_plan', 285], from: '2024-01-08', days: 'month', prices: [['2025-04-01', 299]], channel: 'direct_debit' },
  ], once: [
    ['2024-02-03', ['FW-GOODWILL-CREDIT', 'credit', -30], 'phone'],
    ['2024-02-03', ['FW-COURIER-SAMEDAY', 'service', 0], 'phone'],
    ['2024-09-08', ['FW-ROAM-ASIA-USAGE', 'roaming', 212], 'direct_debit'],
    ['2024-09-12', ['FW-ROAM-CREDIT', 'credit', -212], 'phone'],
    ['2025-07-09', ['FW-HANDSET-PRO-MAX', 'handsets', 1399], 'phone'],
    ['2025-07-09', ['FW-SETUP-CONCIERGE', 'service', 49], 'phone'],
  ] },
  { customerId: 'ex-c022', brand: 'RO', country: 'GB', streams: [
    { kind: 'pool', items: [['RO-HELVELLYN-JKT', 'jackets', 140], ['RO-DOWN-PARKA', 'jackets', 320], ['RO-CASHMERE-BEANIE', 'accessories', 65], ['RO-WALK-BOOT-LUX', 'footwear', 230], ['RO-MERINO-ZIP', 'midlayers', 120], ['RO-POLES-CARBON-Z', 'accessories', 120], ['RO-EXPRESS-DELIVERY', 'delivery', 9.95]], from: '2024-01-09', perYear: 14, channel: 'web' },
  ], once: [
    ['2024-04-15', ['RO-HELVELLYN-JKT', 'jackets', 140], 'chat', 'RO-95120'],
    ['2024-04-19', ['RO-HELVELLYN-JKT', 'jackets', 0], 'phone'],
    ['2024-11-29', ['RO-HELVELLYN-JKT-NAVY', 'jackets', 112], 'web'],
    ['2025-05-30', ['RO-DOWN-PARKA', 'jackets', 320], 'web', 'RO-113377'],
    ['2025-06-03', ['RO-DELIVERY-REFUND', 'delivery', -6.95], 'phone'],
  ] },
  { customerId: 'ex-c023', brand: 'HB', country: 'GB', streams: [
    { kind: 'every', item: ['HB-GUATEMALA-500-FILTER', 'beans', 14.5], from: '2024-01-09', to: '2025-04-01', days: 14, gaps: [['2024-08-01', '2024-08-04']], channel: 'subscription' },
  ], once: [
    ['2024-08-02', ['HB-HONDURAS-500-FILTER', 'beans', 14.5], 'subscription'],
    ['2024-08-06', ['HB-HONDURAS-500-FILTER', 'beans', -14.5], 'email'],
    ['2024-08-06', ['HB-GUATEMALA-500-FILTER', 'beans', 0], 'email'],
  ] },
  { customerId: 'ex-c024', brand: 'FW', country: 'GB', streams: [
    { kind: 'every', item: ['FW-BIZ-22-LINES', 'business_plan', 528], from: '2024-01-15', days: 'month', prices: [['2024-07-15', 600], ['2025-04-15', 625]], channel: 'invoice' },
  ], once: [
    ['2024-06-28', ['FW-HANDSET-BIZ-X', 'handsets', 1947], 'invoice'],
    ['2024-12-17', ['FW-GOODWILL-CREDIT', 'credit', -150], 'invoice'],
  ] },
  { customerId: 'ex-c043', brand: 'RO', country: 'GB', streams: [
    { kind: 'pool', items: [['RO-CAIRNGORM-GTX-9', 'footwear', 210], ['RO-TWEED-GILET', 'midlayers', 145], ['RO-STALKING-JKT', 'jackets', 295], ['RO-WOOL-SOCK-HEAVY', 'socks', 22], ['RO-THUMB-STICK', 'accessories', 75]], from: '2024-01-20', perYear: 6, channel: 'phone' },
  ], once: [['2024-09-20', ['RO-CAIRNGORM-GTX-9', 'footwear', 210], 'chat']] },
  // --- adversarial: refunds, chargebacks, exits -------------------------------------------------------
  { customerId: 'ex-c025', brand: 'FW', country: 'GB', streams: [
    { kind: 'every', item: ['FW-PLAN-24M-HANDSET', 'mobile_plan', 36], from: '2024-01-02', to: '2024-10-15', days: 'month', prices: [['2024-04-01', 39.16]], channel: 'direct_debit' },
  ] },
  { customerId: 'ex-c026', brand: 'FW', country: 'GB', streams: [
    { kind: 'every', item: ['FW-FIBRE-150', 'broadband', 34], from: '2024-01-16', days: 'month', prices: [['2024-04-01', 37], ['2025-04-01', 39.2]], channel: 'direct_debit' },
  ] },
  { customerId: 'ex-c027', brand: 'RO', country: 'GB', streams: [
    { kind: 'pool', items: [['RO-BASE-TEE', 'tops', 30], ['RO-SOCK-MERINO-L', 'socks', 16], ['RO-CAP-TRAIL', 'accessories', 20]], from: '2024-01-10', to: '2024-05-15', perYear: 6, channel: 'web' },
  ], once: [
    ['2024-05-20', ['RO-BOOT-KINDER-MID', 'footwear', 165], 'web', 'RO-99841'],
    ['2024-06-18', ['RO-BOOT-KINDER-MID-CHARGEBACK', 'footwear', -165], 'chargeback'],
  ] },
  { customerId: 'ex-c028', brand: 'HB', country: 'IE', streams: [
    { kind: 'every', item: ['HB-SUB-STANDARD', 'beans', 24.9], from: '2024-01-01', to: '2024-10-01', days: 'month', channel: 'subscription' },
  ], once: [
    ['2024-10-15', ['HB-REFUND-SUB', 'refund', -22.4], 'bank_transfer'],
    ['2024-11-08', ['HB-REFUND-FEE', 'refund', -2.5], 'bank_transfer'],
  ] },
  { customerId: 'ex-c042', brand: 'RO', country: 'GB', streams: [
    { kind: 'pool', items: [['RO-SOCK-MERINO-XL', 'socks', 16], ['RO-LACES-WAXED', 'spares', 6], ['RO-INSOLE-SUPPORT', 'footwear', 28]], from: '2024-02-01', perYear: 2, channel: 'web' },
  ], once: [
    ['2024-07-25', ['RO-REPAIR-SEAMTAPE', 'repair', 0], 'phone'],
    ['2025-03-10', ['RO-CAIRNGORM-GTX-13W', 'footwear', 145], 'web'],
    ['2025-03-10', ['RO-DELIVERY-STD', 'delivery', 4.95], 'web'],
  ] },
  // --- routine-only contacts -----------------------------------------------------------------------
  { customerId: 'ex-c029', brand: 'FW', country: 'GB', streams: [
    { kind: 'every', item: ['FW-SIM-15GB', 'mobile_plan', 11], from: '2024-02-27', days: 'month', channel: 'direct_debit' },
  ] },
  { customerId: 'ex-c030', brand: 'RO', country: 'GB', streams: [
    { kind: 'pool', items: [['RO-FLEECE-CLASSIC', 'midlayers', 45], ['RO-DAYPACK-20', 'packs', 55], ['RO-SOCK-MERINO-W', 'socks', 17], ['RO-WATERPROOF-KIDS', 'jackets', 49]], from: '2024-01-15', perYear: 3, channel: 'web' },
  ], once: [['2024-06-24', ['RO-DAYPACK-20', 'packs', 55], 'web', 'RO-98420']] },
  { customerId: 'ex-c031', brand: 'HB', country: 'GB', streams: [
    { kind: 'every', item: ['HB-HOUSE-500', 'beans', 12.5], from: '2024-01-12', days: 'month', prices: [['2024-06-01', 13.5]], channel: 'subscription' },
  ] },
  { customerId: 'ex-c032', brand: 'FW', country: 'GB', streams: [
    { kind: 'every', item: ['FW-SIM-25GB', 'mobile_plan', 12], from: '2024-01-26', days: 'month', channel: 'direct_debit' },
  ] },
  { customerId: 'ex-c033', brand: 'RO', country: 'GB', streams: [
    { kind: 'pool', items: [['RO-BASE-TEE', 'tops', 30], ['RO-BOTTLE-750', 'accessories', 18]], from: '2024-11-01', perYear: 2, channel: 'web' },
  ], once: [
    ['2024-10-19', ['RO-FLEECE-GRID-M', 'midlayers', 65], 'web', 'RO-101765'],
    ['2024-11-02', ['RO-FLEECE-GRID-M', 'midlayers', -65], 'web'],
    ['2024-11-02', ['RO-FLEECE-GRID-L', 'midlayers', 65], 'web'],
  ] },
  { customerId: 'ex-c034', brand: 'HB', country: 'GB', streams: [
    { kind: 'every', item: ['HB-HOUSE-500', 'beans', 12.5], from: '2024-01-03', days: 'month', prices: [['2024-06-01', 13.5]], gaps: [['2025-01-01', '2025-01-20']], channel: 'subscription' },
  ] },
];

const PREFIX = { RO: 'RO', FW: 'FW', HB: 'HB' } as const;

interface Row {
  orderId: string;
  customerId: string;
  timestamp: string;
  amount: number;
  sku: string;
  category: string;
  channel: string;
  country: string;
}

const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const clampStart = (d: string) => Math.max(ms(d), ms(WINDOW_START));
const end = (d?: string) => Math.min(d ? ms(d) : Infinity, ms(WINDOW_END) + DAY - 1);

function priceAt(base: number, prices: Every['prices'], t: number): number {
  let p = base;
  for (const [from, amount] of prices ?? []) if (t >= ms(from)) p = amount;
  return p;
}
const inGap = (gaps: Every['gaps'] | Pool['gaps'], t: number) => (gaps ?? []).some(([a, b]) => t >= ms(a) && t < ms(b) + DAY);

/** A shopping time of day; monthly bills run at 06:00. */
function stamp(dayMs: number, bill: boolean): string {
  const t = bill ? dayMs + 6 * 3_600_000 : dayMs + int(7, 22) * 3_600_000 + int(0, 59) * 60_000 + int(0, 59) * 1000;
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

function generate(): Row[] {
  const rows: Row[] = [];
  const counters = { RO: 5_000_000, FW: 7_000_000, HB: 3_000_000 };
  for (const plan of PLANS) {
    const nextId = () => `${PREFIX[plan.brand]}-${(counters[plan.brand] += int(1, 40))}`;
    const push = (dayMs: number, [sku, category, amount]: Item, channel: string, bill = false, orderId = nextId()) =>
      rows.push({ orderId, customerId: plan.customerId, timestamp: stamp(dayMs, bill), amount, sku, category, channel, country: plan.country });

    for (const s of plan.streams) {
      const last = end(s.to);
      if (s.kind === 'every') {
        const start = new Date(clampStart(s.from));
        for (let i = 0; ; i++) {
          const t = s.days === 'month'
            ? Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, Math.min(start.getUTCDate(), 28))
            : start.getTime() + i * s.days * DAY + (s.jitter ? int(-s.jitter, s.jitter) * DAY : 0);
          if (t > last) break;
          if (t < ms(s.from) || inGap(s.gaps, t)) continue;
          push(t, [s.item[0], s.item[1], priceAt(s.item[2], s.prices, t)], s.channel, s.days === 'month');
        }
      } else {
        const first = clampStart(s.from);
        const meanGap = 365 / s.perYear;
        const pool = [...s.items];
        for (let t = first + int(0, Math.round(meanGap)) * DAY; t <= last; t += Math.max(3, Math.round(meanGap * (0.5 + rand()))) * DAY) {
          if (pool.length === 0) break;
          if (inGap(s.gaps, t)) continue;
          const idx = s.distinct ? 0 : int(0, pool.length - 1);
          const [sku, category, unit] = pool[idx] as Item;
          if (s.distinct) pool.splice(idx, 1);
          const qty = s.qty ? int(s.qty[0], s.qty[1]) : 1;
          const orderId = nextId();
          push(t, [sku, category, Math.round(unit * qty * 100) / 100], s.channel, false, orderId);
          if (s.returnRate && rand() < s.returnRate) {
            const back = t + int(10, 30) * DAY;
            if (back <= ms(WINDOW_END)) push(back, [sku, category, -unit], 'return', false, `${orderId}-R`);
          }
        }
      }
    }
    for (const [date, item, channel, orderId] of plan.once ?? []) push(ms(date), item, channel, false, orderId ?? nextId());
  }
  return rows.sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.orderId.localeCompare(b.orderId));
}

const HEADER = ['orderId', 'customerId', 'timestamp', 'amount', 'sku', 'category', 'channel', 'country'] as const;
const csv = [HEADER.join(','), ...generate().map((r) => HEADER.map((k) => (k === 'amount' ? r.amount.toFixed(2) : r[k])).join(','))].join('\n') + '\n';
writeFileSync(fileURLToPath(new URL('./transactions.csv', import.meta.url)), csv);
