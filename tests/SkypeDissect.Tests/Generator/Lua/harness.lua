-- Runs the generated plugin outside Wireshark, under a plain Lua interpreter (5.2, 5.4), with the
-- Wireshark API stubbed: the plugin's logic is exercised on the interpreter's own number semantics
-- (Lua 5.4 integers and floats), which tshark's embedded Lua cannot show.
-- Usage: lua harness.lua PLUGIN FRAMES [disable-pref ...]
-- FRAMES: one frame per line, tab-separated: time, src, dst, transport, sport, dport, flags ("S", "SA",
-- "" ...), dns ("q" or "r" or ""), dns name, answers (comma-separated), payload text.
-- Output: "number step group rule version expert expert_text" per tagged frame, for the first pass, again for a
-- replay pass ("replay" prefix) and for a first pass after proto.init ("again" prefix, not fed to the taps), then the
-- tshark-style summary.

local plugin_path, frames_path = arg[1], arg[2]
local disabled = {}
for i = 3, #arg do
    disabled[arg[i]] = true
end

local unpack_list = table.unpack or unpack
local current -- fields of the frame being dissected: name -> list of values
local function info(value, text)
    return setmetatable({ value = value }, { __tostring = function() return text end })
end

-- Wireshark API stubs, just what the plugin uses.
local registered, listeners = nil, {}
base = { DEC = 1, ASCII = 2 }
expert = { group = { SEQUENCE = 1 }, severity = { NOTE = 1, WARN = 2, CHAT = 3 } }
ProtoField = {}
for _, kind in ipairs({ "uint8", "uint32", "string" }) do
    ProtoField[kind] = function(abbr) return { abbr = abbr } end
end
ProtoExpert = { new = function(abbr) return { abbr = abbr } end }
Pref = { bool = function(_, default) return default end }
Field = {
    new = function(name)
        return function()
            return unpack_list(current[name] or {})
        end
    end,
}
function Proto(name)
    return { name = name, prefs = {} }
end
function register_postdissector(p)
    registered = p
end
function gui_enabled()
    return false
end
Listener = {
    new = function()
        local tap = {}
        listeners[#listeners + 1] = tap
        return tap
    end,
}

local function split(line)
    local out = {}
    for field in (line .. "\t"):gmatch("([^\t]*)\t") do
        out[#out + 1] = field
    end
    return out
end

-- Port values are floats, as some Wireshark builds push them under Lua 5.4.
local function port(text)
    return tonumber(text) + 0.0
end

local function fields_of(f)
    local fields = {}
    local ip = f[2]:find(":", 1, true) and "ipv6" or "ip"
    fields[ip .. ".src"] = { info(nil, f[2]) }
    fields[ip .. ".dst"] = { info(nil, f[3]) }
    fields[f[4] .. ".srcport"] = { info(port(f[5])) }
    fields[f[4] .. ".dstport"] = { info(port(f[6])) }
    if f[4] == "tcp" then
        fields["tcp.flags.syn"] = { info(f[7]:find("S", 1, true) ~= nil) }
        fields["tcp.flags.ack"] = { info(f[7]:find("A", 1, true) ~= nil) }
        local payload = (string.gsub(f[11] or "", "\\(.)", { r = "\r", n = "\n", t = "\t", ["\\"] = "\\" }))
        if #payload > 0 then
            fields["tcp.payload"] = { { len = #payload, range = { raw = function(_, o, n) return payload:sub(o + 1, o + n) end } } }
        end
    end
    if f[8] == "q" or f[8] == "r" then
        fields["dns.flags.response"] = { info(f[8] == "r") }
        fields["dns.qry.name"] = { info(f[9]) }
        local answers = {}
        for a in (f[10] or ""):gmatch("[^,]+") do
            answers[#answers + 1] = info(nil, a)
        end
        fields["dns.a"] = answers
    end
    return fields
end

local frames = {}
for line in io.lines(frames_path) do
    frames[#frames + 1] = split(line)
end

assert(loadfile(plugin_path))("summary")
local p = registered
for name in pairs(disabled) do
    p.prefs[name] = false
end

-- A tree that records the fields and experts the plugin adds: invisible, as tshark's without -V, with the protocol
-- referenced, as by a filter or tap naming skypelogin (an unreferenced invisible tree gets no fields). As in wslua,
-- every item has the same methods, which find the item's record through self.
local Item = {}
Item.__index = Item

function Item:referenced()
    return true
end

function Item:add(field, value)
    if field.abbr then
        self.out[field.abbr] = value
    end
    return self
end

function Item:set_generated()
    return self
end

function Item:add_proto_expert_info(e, text)
    self.out.expert = e.abbr:match("[^.]+$")
    self.out.expert_text = text
end

local function new_tree(out)
    return setmetatable({ out = out }, Item)
end

local function pass(prefix, visited, untapped)
    for number, f in ipairs(frames) do
        current = fields_of(f)
        local out = {}
        local pinfo = { number = number, abs_ts = tonumber(f[1]), visited = visited,
            cols = { info = { append = function() end } } }
        p.dissector(function() return {} end, pinfo, new_tree(out))
        if out["skypelogin.step"] then
            print(prefix .. table.concat({ number, out["skypelogin.step"], out["skypelogin.group"],
                out["skypelogin.rule"], out["skypelogin.version"], out.expert or "-", out.expert_text or "-" }, " "))
            for _, tap in ipairs((visited or untapped) and {} or listeners) do
                tap.packet(pinfo)
            end
        end
    end
end

p.init()
pass("", false)
pass("replay ", true)
-- A re-dissection (Wireshark calls proto.init before it, e.g. after a preference changed): every state table,
-- the kinds' own included, starts empty again, so the first pass repeats exactly.
p.init()
pass("again ", false, true)
for _, tap in ipairs(listeners) do
    tap.draw()
end
