/**
 * Takes one slot of a sliding-window limit, atomically (Redis runs a script alone). The window
 * is a sorted set of grant times in µs by Redis's own clock (`TIME`), so processes whose clocks
 * disagree still share one timeline. KEYS[1]: the window; ARGV: limit, window in ms, a unique
 * member. Returns 0 when it took a slot, else the ms (rounded up) until the oldest grant leaves
 * the window. The key expires one window after its last grant. Times go to Redis through
 * `%.0f`: Lua would print a number with 14 digits, rounding µs times to 100 µs.
 */
export const TAKE_SLOT_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local limit = tonumber(ARGV[1])
local per = tonumber(ARGV[2]) * 1000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now - per))
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], string.format('%.0f', now), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 0
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
return math.max(1, math.ceil((oldest + per - now) / 1000))
`;
