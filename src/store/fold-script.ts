// The Lua scripts of the Redis fold. A customer's state is a JSON field "j" beside a version "v" in the state
// hash, plus a short list of analyses not yet folded into it ("pending"). The arithmetic is never done here:
// the worker folds with fold() of src/profile/state.ts itself, in the order the list holds.

// APPEND: dedupe by interaction id, then append the new analyses to the pending list, atomically per customer,
// so retries, re-delivery and duplicate posts never count twice. KEYS[1] dedupe set, KEYS[2] pending list,
// KEYS[3] state hash; ARGV[1] a fresh random version, taken when the state has none yet (so a state erased and
// begun again never shows a version seen before); then pairs (id, analysis JSON). Returns {added, list length}.
export const APPEND_LUA = `
redis.call('HSETNX', KEYS[3], 'v', ARGV[1])
local added = 0
for i = 2, #ARGV, 2 do
  if redis.call('SADD', KEYS[1], ARGV[i]) == 1 then
    redis.call('RPUSH', KEYS[2], ARGV[i + 1])
    added = added + 1
  end
end
return { added, redis.call('LLEN', KEYS[2]) }
`;

// COMPACT: an optimistic compare-and-set. The worker read the state (version ARGV[1]) and the first ARGV[2]
// pending analyses, folded them in JS, and sends the new state JSON (ARGV[3]) and a fresh random version
// (ARGV[4]). Only compactions take from the list's head, and only under an unchanged version, so those
// entries are exactly the ones folded; appends made meanwhile stay at the tail. KEYS[1] state hash,
// KEYS[2] pending list.
// Returns 1, or -1 when another compaction (or an erasure) came first: the worker reads again.
export const COMPACT_LUA = `
local S = KEYS[1]
if redis.call('HGET', S, 'v') ~= ARGV[1] then return -1 end
redis.call('LTRIM', KEYS[2], tonumber(ARGV[2]), -1)
-- a hash in the earlier layout (one field per sum) is replaced whole
if redis.call('HLEN', S) > 2 then redis.call('DEL', S) end
redis.call('HSET', S, 'v', ARGV[4], 'j', ARGV[3])
return 1
`;
