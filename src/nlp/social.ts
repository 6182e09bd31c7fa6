// Public post -> the poster's own words. A post may carry someone else's tweet: an old-style retweet
// ("Nice RT @brand: <their tweet>") or a quote ("Thanks! “@brand: @me we've refunded you ^KN”"). Those
// words are the brand's or another user's, as a quoted thread in an email is, and must not be read as the
// customer's (a brand reply's "fee is waived for Premier members" is no status claim of the customer).
// @mentions and #hashtags of the poster's own words stay: they are signals (brand tagged, campaign joined).

const HANDLE = String.raw`@\w{1,30}`;
// “@user: …” or "@user: …" up to the closing quote; a post cut at the length limit may have lost it
const QUOTED_TWEET_RE = new RegExp(String.raw`[“"]${HANDLE}:[^”"]*(?:[”"]|$)`, 'gu');
// RT/MT @user: … quotes the rest of the post
const RETWEET_RE = new RegExp(String.raw`(?:^|\s)(?:RT|MT)\s+${HANDLE}\b:?.*$`, 'su');
const WHITESPACE_RE = /\s+/g;

export function extractOwnPostText(text: string): string {
  const own = text.includes('@') ? text.replace(QUOTED_TWEET_RE, ' ').replace(RETWEET_RE, ' ') : text;
  return own.replace(WHITESPACE_RE, ' ').trim();
}
