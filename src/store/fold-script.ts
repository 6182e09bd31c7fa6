// The Lua script that commits one customer's fold, computed in the worker by fold() of src/profile/state.ts
// itself (so the arithmetic is the embedded profiler's, not a re-implementation). It is an optimistic
// compare-and-set: the worker read the state hash (its version field "v") and which of its interaction ids the
// dedupe set already held; the script writes the new state only if neither changed since, so a concurrent
// fold of the same customer (another worker, a re-delivered job) or an erasure in between is never overwritten
// or counted twice: the worker re-reads and folds again.
// KEYS[1] state hash, KEYS[2] dedupe set; ARGV[1] the version read ('' when the hash had none), ARGV[2] how many
// ids follow, then the ids, then the state's JSON. Returns the number of ids added, or -1 on a conflict.
export const COMMIT_LUA = `
local S, IDS = KEYS[1], KEYS[2]
local v = redis.call('HGET', S, 'v') or ''
if v ~= ARGV[1] then return -1 end
local n = tonumber(ARGV[2])
-- unpack() is bounded by the Lua C stack (8000): slices
local STEP = 1000
for i = 3, n + 2, STEP do
  local seen = redis.call('SMISMEMBER', IDS, unpack(ARGV, i, math.min(i + STEP - 1, n + 2)))
  for _, x in ipairs(seen) do if x == 1 then return -1 end end
end
for i = 3, n + 2, STEP do redis.call('SADD', IDS, unpack(ARGV, i, math.min(i + STEP - 1, n + 2))) end
-- a hash in the earlier layout (one field per sum) is replaced whole
if redis.call('HLEN', S) > 2 then redis.call('DEL', S) end
redis.call('HSET', S, 'v', tostring((tonumber(v) or 0) + 1), 'j', ARGV[n + 3])
return n
`;
