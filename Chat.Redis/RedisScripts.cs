namespace Chat.Redis;

/// <summary>
/// The Lua scripts the cluster runs in Redis. Each is atomic, so an id, a presence change and the publish that
/// announces it happen as one step in Redis's single order. The keys are built as in <see cref="RedisKeys"/>; scripts
/// that touch keys they compute (rooms of a quit, a dead node's members) assume one Redis, not a Redis Cluster
/// (docs/SCALING.md: sharding).
/// </summary>
/// <remarks>
/// A frame on the channel is <c>id \n ms \n envelope [\n topic]</c>: the id (0 when the event has none), Redis's time
/// in milliseconds, the event as JSON (which has no raw newline), and for a join the room's topic.
/// </remarks>
internal static class RedisScripts
{
    /// <summary>The member entry's node: everything before an optional <c>:s</c>.</summary>
    private const string NodeOf = "local function node_of(member) return string.match(member, '^[^:]+') end\n";

    /// <summary>Gives up a claim if this node holds it: KEYS name and node names, the node, the name key.</summary>
    private const string ReleaseClaim = """
        local function release(name, node_names, node, name_key)
          local owner = redis.call('GET', name)
          if owner and string.match(owner, '^%S+') == node then redis.call('DEL', name) end
          redis.call('SREM', node_names, name_key)
        end

        """;

    /// <summary>Whether a node's lease is alive, asked once per node per script.</summary>
    private const string IsLive = """
        local live = {}
        local function is_live(node)
          if live[node] == nil then live[node] = redis.call('EXISTS', 'chat:node:' .. node) == 1 end
          return live[node]
        end

        """;

    /// <summary>
    /// A message, action, topic change or direct message: the next id of its counter (never at or below the
    /// publisher's floor: the last id its node delivered, which outlives a Redis that lost its data), the new topic,
    /// and for what history keeps, the entry in its room's (or conversation's) stream under that id, so the stream
    /// holds the ids in the order they were given and the cluster writes each entry once.
    /// KEYS: counter[, history stream, history rooms, history topics][, topic (a topic change)].
    /// ARGV: channel, floor, envelope, '1' for a topic change, topic, then with history: room key, room name, MAXLEN,
    /// entry fields... Returns the id.
    /// </summary>
    public const string PublishSequenced = """
        local id = redis.call('INCR', KEYS[1])
        local floor = tonumber(ARGV[2])
        if id <= floor then
          id = floor + 1
          redis.call('SET', KEYS[1], id)
        end
        if ARGV[4] == '1' then redis.call('SET', KEYS[#KEYS], ARGV[5]) end
        local now = redis.call('TIME')
        local ms = now[1] .. string.format('%03d', math.floor(now[2] / 1000))
        if #KEYS >= 4 then
          redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[8], id .. '-0', 't', ms, unpack(ARGV, 9))
          redis.call('HSET', KEYS[3], ARGV[6], ARGV[7])
          if ARGV[4] == '1' then redis.call('HSET', KEYS[4], ARGV[6], ARGV[5]) end
        end
        redis.call('PUBLISH', ARGV[1], id .. '\n' .. ms .. '\n' .. ARGV[3])
        return id
        """;

    /// <summary>
    /// A join: the member entry, the room in the room list and the node's rooms, and the topic in the frame for the
    /// joining node. KEYS: who, rooms, node rooms, topic. ARGV: channel, name, member, room key, room name, envelope.
    /// </summary>
    public const string Join = """
        redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
        redis.call('HSETNX', KEYS[2], ARGV[4], ARGV[5])
        redis.call('SADD', KEYS[3], ARGV[4])
        local frame = '0\n0\n' .. ARGV[6]
        local topic = redis.call('GET', KEYS[4])
        if topic then frame = frame .. '\n' .. topic end
        redis.call('PUBLISH', ARGV[1], frame)
        return 0
        """;

    /// <summary>
    /// A leave or a quit: the member entries go; a room left empty everywhere loses its topic and its place in the
    /// room list unless it is permanent. A quit's claim goes with its notice, so whoever has seen it can take the name.
    /// KEYS (a quit): name, node names. ARGV: channel, name, envelope, node, name key, then per room: room key, '1' if
    /// permanent.
    /// </summary>
    public const string Leave = ReleaseClaim + """
        if KEYS[1] then release(KEYS[1], KEYS[2], ARGV[4], ARGV[5]) end
        for i = 6, #ARGV, 2 do
          local who = 'chat:who:' .. ARGV[i]
          redis.call('HDEL', who, ARGV[2])
          if ARGV[i + 1] == '0' and redis.call('HLEN', who) == 0 then
            redis.call('DEL', 'chat:topic:' .. ARGV[i])
            redis.call('HDEL', 'chat:rooms', ARGV[i])
          end
        end
        redis.call('PUBLISH', ARGV[1], '0\n0\n' .. ARGV[3])
        return 0
        """;

    /// <summary>
    /// A nick change: the member entries move to the new name, and the old name's claim goes with the notice (none
    /// for a change of case). KEYS: old name, node names. ARGV: channel, old, new, envelope, node, old name key, room keys.
    /// </summary>
    public const string Rename = ReleaseClaim + """
        if KEYS[1] then release(KEYS[1], KEYS[2], ARGV[5], ARGV[6]) end
        for i = 7, #ARGV do
          local who = 'chat:who:' .. ARGV[i]
          local member = redis.call('HGET', who, ARGV[2])
          if member then
            redis.call('HDEL', who, ARGV[2])
            redis.call('HSET', who, ARGV[3], member)
          end
        end
        redis.call('PUBLISH', ARGV[1], '0\n0\n' .. ARGV[4])
        return 0
        """;

    /// <summary>
    /// A name claim: free, or held by a node whose lease ran out. Refused (-1) while this node's own lease is missing,
    /// as after Redis lost its data and before this node has restored its state. KEYS: name, lease, node names.
    /// ARGV: node, spelling, name key. Returns 1 claimed, 0 taken, -1 unavailable.
    /// </summary>
    public const string Claim = """
        if redis.call('EXISTS', KEYS[2]) == 0 then return -1 end
        local owner = redis.call('GET', KEYS[1])
        if owner then
          local node = string.match(owner, '^%S+')
          if node == ARGV[1] or redis.call('EXISTS', 'chat:node:' .. node) == 1 then return 0 end
        end
        redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. ARGV[2])
        redis.call('SADD', KEYS[3], ARGV[3])
        return 1
        """;

    /// <summary>Gives up a claim this node holds. KEYS: name, node names. ARGV: node, name key.</summary>
    public const string Release = ReleaseClaim + """
        release(KEYS[1], KEYS[2], ARGV[1], ARGV[2])
        return 0
        """;

    /// <summary>How the holder of a name spells it, if its node is alive. KEYS: name.</summary>
    public const string Find = """
        local owner = redis.call('GET', KEYS[1])
        if not owner then return false end
        local node, name = string.match(owner, '^(%S+) (.*)$')
        if redis.call('EXISTS', 'chat:node:' .. node) == 0 then return false end
        return name
        """;

    /// <summary>A room's members on live nodes: name, member, name, member... KEYS: who.</summary>
    public const string Who = NodeOf + IsLive + """
        local all = redis.call('HGETALL', KEYS[1])
        local out = {}
        for i = 1, #all, 2 do
          if is_live(node_of(all[i + 1])) then
            out[#out + 1] = all[i]
            out[#out + 1] = all[i + 1]
          end
        end
        return out
        """;

    /// <summary>Rooms with members on live nodes: name, count, topic ('' for none)...</summary>
    public const string ListRooms = NodeOf + IsLive + """
        local rooms = redis.call('HGETALL', 'chat:rooms')
        local out = {}
        for i = 1, #rooms, 2 do
          local count = 0
          for _, member in ipairs(redis.call('HVALS', 'chat:who:' .. rooms[i])) do
            if is_live(node_of(member)) then count = count + 1 end
          end
          if count > 0 then
            out[#out + 1] = rooms[i + 1]
            out[#out + 1] = count
            out[#out + 1] = redis.call('GET', 'chat:topic:' .. rooms[i]) or ''
          end
        end
        return out
        """;

    /// <summary>
    /// Forgets every node whose lease ran out: its members, its claims, its sets. Atomic, so one node reaps each.
    /// ARGV: this node, then the permanent room keys. Returns per user of those nodes: name, room key, room key...
    /// </summary>
    public const string Reap = NodeOf + """
        local permanent = {}
        for i = 2, #ARGV do permanent[ARGV[i]] = true end
        local gone = {}
        for _, node in ipairs(redis.call('SMEMBERS', 'chat:nodes')) do
          if node ~= ARGV[1] and redis.call('EXISTS', 'chat:node:' .. node) == 0 then
            local users = {}
            for _, room in ipairs(redis.call('SMEMBERS', 'chat:node:' .. node .. ':rooms')) do
              local who = 'chat:who:' .. room
              local all = redis.call('HGETALL', who)
              for i = 1, #all, 2 do
                if node_of(all[i + 1]) == node then
                  redis.call('HDEL', who, all[i])
                  users[all[i]] = users[all[i]] or { all[i] }
                  table.insert(users[all[i]], room)
                end
              end
              if not permanent[room] and redis.call('HLEN', who) == 0 then
                redis.call('DEL', 'chat:topic:' .. room)
                redis.call('HDEL', 'chat:rooms', room)
              end
            end
            for _, name in ipairs(redis.call('SMEMBERS', 'chat:node:' .. node .. ':names')) do
              local owner = redis.call('GET', 'chat:name:' .. name)
              if owner and string.match(owner, '^%S+') == node then redis.call('DEL', 'chat:name:' .. name) end
            end
            redis.call('DEL', 'chat:node:' .. node .. ':rooms', 'chat:node:' .. node .. ':names')
            redis.call('SREM', 'chat:nodes', node)
            for _, user in pairs(users) do gone[#gone + 1] = user end
          end
        end
        return gone
        """;

    /// <summary>
    /// Makes this node's claims in Redis what it holds: claims left behind go, claims lost with Redis's data come
    /// back. KEYS: node names. ARGV: node, then name key and spelling per held name. Returns the names another live
    /// node took meanwhile.
    /// </summary>
    public const string SyncNames = """
        local held = {}
        for i = 2, #ARGV, 2 do held[ARGV[i]] = ARGV[i + 1] end
        for _, name in ipairs(redis.call('SMEMBERS', KEYS[1])) do
          if not held[name] then
            local owner = redis.call('GET', 'chat:name:' .. name)
            if owner and string.match(owner, '^%S+') == ARGV[1] then redis.call('DEL', 'chat:name:' .. name) end
            redis.call('SREM', KEYS[1], name)
          end
        end
        local lost = {}
        for name, spelled in pairs(held) do
          local owner = redis.call('GET', 'chat:name:' .. name)
          local node = owner and string.match(owner, '^%S+')
          if node and node ~= ARGV[1] and redis.call('EXISTS', 'chat:node:' .. node) == 1 then
            lost[#lost + 1] = spelled
          else
            redis.call('SET', 'chat:name:' .. name, ARGV[1] .. ' ' .. spelled)
            redis.call('SADD', KEYS[1], name)
          end
        end
        return lost
        """;

    /// <summary>
    /// Makes this node's member entries what its rooms hold. KEYS: node rooms. ARGV: node, then per member: room key,
    /// room name, user name, member.
    /// </summary>
    public const string SyncPresence = NodeOf + """
        local wanted = {}
        for i = 2, #ARGV, 4 do wanted[ARGV[i] .. '\n' .. ARGV[i + 2]] = true end
        for _, room in ipairs(redis.call('SMEMBERS', KEYS[1])) do
          local who = 'chat:who:' .. room
          local all = redis.call('HGETALL', who)
          for i = 1, #all, 2 do
            if node_of(all[i + 1]) == ARGV[1] and not wanted[room .. '\n' .. all[i]] then redis.call('HDEL', who, all[i]) end
          end
        end
        for i = 2, #ARGV, 4 do
          redis.call('HSET', 'chat:who:' .. ARGV[i], ARGV[i + 2], ARGV[i + 3])
          redis.call('HSETNX', 'chat:rooms', ARGV[i], ARGV[i + 1])
          redis.call('SADD', KEYS[1], ARGV[i])
        end
        return 0
        """;

    /// <summary>Raises id counters to at least the ids this node has delivered. ARGV: counter key, floor, ...</summary>
    public const string RaiseFloors = """
        for i = 1, #ARGV, 2 do
          if tonumber(redis.call('GET', ARGV[i]) or '0') < tonumber(ARGV[i + 1]) then redis.call('SET', ARGV[i], ARGV[i + 1]) end
        end
        return 0
        """;

    /// <summary>A room's last id: its counter, or its history's newest entry should that be higher.</summary>
    private const string RoomState = """
        local function last_id(room)
          local last = tonumber(redis.call('GET', 'chat:id:' .. room) or '0')
          local newest = redis.call('XREVRANGE', 'chat:history:' .. room, '+', '-', 'COUNT', 1)[1]
          if newest then last = math.max(last, tonumber(string.match(newest[1], '^%d+'))) end
          return last
        end

        """;

    /// <summary>
    /// Every room history has kept, pruned or not: name, last id, topic ('' for none)... With ARGV room key, that room
    /// alone (nothing if history never kept it). KEYS: history rooms, history topics.
    /// </summary>
    public const string HistoryRooms = RoomState + """
        local rooms
        if ARGV[1] then
          local name = redis.call('HGET', KEYS[1], ARGV[1])
          rooms = name and { ARGV[1], name } or {}
        else
          rooms = redis.call('HGETALL', KEYS[1])
        end
        local out = {}
        for i = 1, #rooms, 2 do
          out[#out + 1] = rooms[i + 1]
          out[#out + 1] = last_id(rooms[i])
          out[#out + 1] = redis.call('HGET', KEYS[2], rooms[i]) or ''
        end
        return out
        """;

    /// <summary>
    /// Trims a room's history to its newest entries, then deletes those older than the cutoff. Ids and times rise
    /// together, so the first entry not older than the cutoff is found by bisecting the ids (a few range reads, not a
    /// scan) and everything before it goes. KEYS: history stream. ARGV: entries kept, cutoff in Unix ms. Returns the
    /// number of entries deleted.
    /// </summary>
    public const string PruneHistory = """
        local before = redis.call('XLEN', KEYS[1])
        if before == 0 then return 0 end
        redis.call('XTRIM', KEYS[1], 'MAXLEN', ARGV[1])
        local cutoff = tonumber(ARGV[2])
        local function id_of(entry) return tonumber(string.match(entry[1], '^%d+')) end
        local function old(entry) return tonumber(entry[2][2]) < cutoff end
        local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1]
        if first and old(first) then
          local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
          if old(newest) then
            redis.call('XTRIM', KEYS[1], 'MAXLEN', 0)
          else
            -- Every entry at or below lo is old, every entry at or above hi is not.
            local lo, hi = id_of(first), id_of(newest)
            while hi - lo > 1 do
              local mid = math.floor((lo + hi) / 2)
              local entry = redis.call('XRANGE', KEYS[1], mid, '+', 'COUNT', 1)[1]
              if old(entry) then lo = id_of(entry) else hi = mid end
            end
            redis.call('XTRIM', KEYS[1], 'MINID', hi)
          end
        end
        return before - redis.call('XLEN', KEYS[1])
        """;
}
