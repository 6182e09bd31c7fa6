// The archetype x segment matrix: for each segmentation asked for, every (segment, relationship
// archetype) pair with its customer count, revenue, mean recommender score and mean sentiment.
// Customers without interactions have no archetype: they count under "no_text" and their
// recommender score and sentiment are left out of the means (null when a cell has none).
export interface MatrixCustomer {
  segments: Record<string, string>;
  revenue: number;
  /** undefined when the customer has no interactions */
  archetype?: string;
  recommenderScore?: number;
  sentimentMean?: number;
}

export interface MatrixCell {
  segmentation: string;
  segment: string;
  archetype: string;
  customers: number;
  revenue: number;
  meanRecommender: number | null;
  meanSentiment: number | null;
}

export const NO_TEXT = 'no_text';

export function archetypeMatrix(customers: readonly MatrixCustomer[], segmentations: readonly string[]): MatrixCell[] {
  const acc = new Map<string, MatrixCell & { texts: number; rec: number; sent: number }>();
  for (const c of customers) {
    const archetype = c.archetype ?? NO_TEXT;
    for (const segmentation of segmentations) {
      const segment = c.segments[segmentation];
      if (segment === undefined) continue;
      const key = `${segmentation}\u0000${segment}\u0000${archetype}`;
      let cell = acc.get(key);
      if (!cell) {
        cell = { segmentation, segment, archetype, customers: 0, revenue: 0, meanRecommender: null, meanSentiment: null, texts: 0, rec: 0, sent: 0 };
        acc.set(key, cell);
      }
      cell.customers++;
      cell.revenue += c.revenue;
      if (c.archetype !== undefined) {
        cell.texts++;
        cell.rec += c.recommenderScore ?? 0;
        cell.sent += c.sentimentMean ?? 0;
      }
    }
  }
  return [...acc.values()]
    .map(({ texts, rec, sent, ...cell }) => ({ ...cell, meanRecommender: texts ? rec / texts : null, meanSentiment: texts ? sent / texts : null }))
    .sort((a, b) =>
      a.segmentation !== b.segmentation ? (a.segmentation < b.segmentation ? -1 : 1) : a.segment !== b.segment ? (a.segment < b.segment ? -1 : 1) : a.archetype < b.archetype ? -1 : 1,
    );
}
