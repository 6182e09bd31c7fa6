// The Lua script that folds analyses into one customer's Redis state atomically. It reproduces fold() of
// src/profile/state.ts operation for operation: same double arithmetic (Lua numbers are doubles, stored with
// %.17g so they round-trip exactly), same dedupe by interaction id, same recent/evidence selection.
// KEYS[1] state hash, KEYS[2] dedupe set; ARGV[1] RECENT_KEEP, ARGV[2] EVIDENCE_PER_SIGNAL, ARGV[3..] analyses
// as encoded by encodeAnalysis(). Returns how many analyses were new.
export const FOLD_LUA = `
local S, IDS = KEYS[1], KEYS[2]
local KEEP, PER = tonumber(ARGV[1]), tonumber(ARGV[2])
-- bytewise comparison, independent of the server's locale (JS compares code units; same order for BMP text)
local function lt(a, b)
  if a == b then return false end
  local n = math.min(#a, #b)
  for i = 1, n do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return #a < #b
end
local function getn(f) local v = redis.call('HGET', S, f); if v then return tonumber(v) end; return 0 end
local function setn(f, v) redis.call('HSET', S, f, string.format('%.17g', v)) end
local function addn(f, v) setn(f, getn(f) + v) end
local function keepMin(f, v) local c = redis.call('HGET', S, f); if (not c) or lt(v, c) then redis.call('HSET', S, f, v) end end
local function keepMax(f, v) local c = redis.call('HGET', S, f); if (not c) or lt(c, v) then redis.call('HSET', S, f, v) end end
local added = 0
for i = 3, #ARGV do
  local a = cjson.decode(ARGV[i])
  if redis.call('SADD', IDS, a.id) == 1 then
    added = added + 1
    addn('n', 1)
    addn('words', a.w)
    keepMin('first', a.ts)
    keepMax('last', a.ts)
    addn('sSum', a.s)
    addn('sSq', a.s * a.s)
    addn('tSum', a.t)
    addn('tSq', a.t * a.t)
    addn('stSum', a.s * a.t)
    for j = 1, 8 do addn('e:' .. (j - 1), a.e[j]) end
    for k, v in pairs(a.sig) do
      addn('sig:' .. k, v)
      if v > 0 and string.sub(k, 1, 8) ~= 'lexical_' then addn('sigm:' .. k, 1) end
    end
    addn('ch:' .. a.ch, 1)
    keepMax('chl:' .. a.ch, a.ts)
    addn('adv:' .. a.adv, 1)
    if a.so then
      addn('so:posts', 1)
      if a.so.mb then addn('so:brand', 1) end
      addn('so:likes', a.so.l)
      addn('so:shares', a.so.sh)
      addn('so:comments', a.so.c)
      addn('so:reach', a.so.r)
      if a.adv == 'recommend' then addn('so:rec', 1) end
      if a.adv == 'incentivised' then addn('so:inc', 1) end
      keepMax('so:last', a.ts)
    end
    -- recent: newest first, ties by id descending; readings kept as the JSON strings JS encoded
    local rec = {}
    local raw = redis.call('HGET', S, 'recent')
    if raw then
      for _, s in ipairs(cjson.decode(raw)) do
        local o = cjson.decode(s)
        rec[#rec + 1] = { o.timestamp, o.id, s }
      end
    end
    rec[#rec + 1] = { a.ts, a.id, a.rec }
    table.sort(rec, function(x, y)
      if x[1] == y[1] then return lt(y[2], x[2]) end
      return lt(y[1], x[1])
    end)
    local keep = {}
    for j = 1, math.min(KEEP, #rec) do keep[j] = rec[j][3] end
    redis.call('HSET', S, 'recent', cjson.encode(keep))
    -- evidence: items [signal, phrase, negated, dedupeKey]; sorted, deduplicated, PER per signal
    if #a.ev > 0 then
      local ev = {}
      local rawev = redis.call('HGET', S, 'evidence')
      if rawev then for _, x in ipairs(cjson.decode(rawev)) do ev[#ev + 1] = x end end
      for _, x in ipairs(a.ev) do ev[#ev + 1] = x end
      table.sort(ev, function(x, y)
        if x[1] ~= y[1] then return lt(x[1], y[1]) end
        if x[2] ~= y[2] then return lt(x[2], y[2]) end
        return (not x[3]) and y[3]
      end)
      local seen, per, out = {}, {}, {}
      for _, x in ipairs(ev) do
        if not seen[x[4]] then
          seen[x[4]] = true
          local k = per[x[1]] or 0
          if k < PER then
            per[x[1]] = k + 1
            out[#out + 1] = x
          end
        end
      end
      redis.call('HSET', S, 'evidence', cjson.encode(out))
    end
  end
end
return added
`;
