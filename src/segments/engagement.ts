// Engagement segment from interactions: frequency and recency per channel.
// Per channel: contacts per 30 days over the window from the first interaction to as-of (at least
// 30 days), and days since the last contact. Label: none (no interactions); active (last contact
// on any channel within 30 days and at least 1 contact per 30 days overall); lapsed (no contact for
// more than 90 days); occasional otherwise. The top channel is the one with most contacts.
import type { TextFacts } from './text-facts.js';
import { DAY_MS } from './transactions.js';

export interface ChannelEngagement {
  contacts: number;
  per30d: number;
  recencyDays: number;
}

export interface Engagement {
  channels: Record<string, ChannelEngagement>;
  topChannel: string;
  label: 'none' | 'active' | 'occasional' | 'lapsed';
}

export function engagement(facts: TextFacts | undefined, asOf: number): Engagement {
  if (!facts || facts.interactions === 0 || !facts.first) return { channels: {}, topChannel: 'none', label: 'none' };
  const windowDays = Math.max(30, (asOf - Date.parse(facts.first)) / DAY_MS);
  const channels: Record<string, ChannelEngagement> = {};
  let top = 'none';
  let topN = 0;
  let recency = Infinity;
  for (const [ch, n] of Object.entries(facts.byChannel).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const last = facts.lastByChannel[ch];
    const r = last ? Math.max(0, (asOf - Date.parse(last)) / DAY_MS) : Infinity;
    channels[ch] = { contacts: n, per30d: (n / windowDays) * 30, recencyDays: r };
    recency = Math.min(recency, r);
    if (n > topN) [top, topN] = [ch, n];
  }
  const per30d = (facts.interactions / windowDays) * 30;
  const label = recency <= 30 && per30d >= 1 ? 'active' : recency > 90 ? 'lapsed' : 'occasional';
  return { channels, topChannel: top, label };
}
