/**
 * Runs config/argocd's scripts the way Argo CD does (util/lua/lua.go), in a real Lua 5.1 (Debian's `lua5.1`, which
 * hack/install-deps.sh installs): the object is the global `obj`; the script sees only Argo CD's sandbox (the base
 * library, `table`, and an `os` with `date` and `time`, also through `require("os")`; no `string`, `math` or `io`,
 * and no string methods); its return value comes back as JSON, an empty table as `[]` (as gopher-json encodes it),
 * and an action's object is cleaned as Argo CD cleans it (an empty table where the object had a map is a map).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const ARGOCD_CM = join(root, 'config', 'argocd', 'health-customizations.yaml');

export const LUA = process.env['LUA5_1'] ?? 'lua5.1';

/** Whether lua5.1 runs here (make test installs it through hack/install-deps.sh). */
export function luaAvailable(): boolean {
  const r = spawnSync(LUA, ['-v'], { encoding: 'utf8' });
  return r.status === 0 && /Lua 5\.1/.test(`${r.stdout}${r.stderr}`);
}

/** A JSON value as a Lua 5.1 expression (null → nil, as Argo CD's decodeValue does). */
export function luaLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a JSON number: ${v}`);
    return String(v);
  }
  if (typeof v === 'string') return luaString(v);
  if (Array.isArray(v)) return `{${v.map(luaLiteral).join(', ')}}`;
  if (typeof v === 'object') {
    const fields = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== null && x !== undefined)
      .map(([k, x]) => `[${luaString(k)}] = ${luaLiteral(x)}`);
    return `{${fields.join(', ')}}`;
  }
  throw new Error(`cannot pass ${typeof v} to Lua`);
}

/** A Lua string literal: printable ASCII as is, every other byte as a three-digit decimal escape. */
function luaString(s: string): string {
  let out = '"';
  for (const b of Buffer.from(s, 'utf8')) {
    if (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c) out += String.fromCharCode(b);
    else out += `\\${String(b).padStart(3, '0')}`;
  }
  return `${out}"`;
}

/** The longest `]=*]` run in `text` decides the level of the long bracket that quotes it. */
function longBracket(text: string): string {
  let level = 0;
  while (text.includes(`]${'='.repeat(level)}]`)) level++;
  const eq = '='.repeat(level);
  return `[${eq}[\n${text}]${eq}]`;
}

// The harness around the script: a JSON encoder (with the libraries the sandbox lacks, captured first), the sandbox,
// the run, and the result on stdout as one JSON document.
const HARNESS = `
local format, gsub, byte, floor, write = string.format, string.gsub, string.byte, math.floor, io.write
local encode
local function esc(s)
  return '"' .. gsub(s, '[%c"\\\\]', function(c) return format('\\\\u%04x', byte(c)) end) .. '"'
end
encode = function(v)
  local t = type(v)
  if t == 'nil' then return 'null' end
  if t == 'boolean' then return tostring(v) end
  if t == 'number' then
    if v == floor(v) and v > -1e15 and v < 1e15 then return format('%d', v) end
    return format('%.17g', v)
  end
  if t == 'string' then return esc(v) end
  if t ~= 'table' then error('cannot encode a ' .. t) end
  local n = 0
  for _ in pairs(v) do n = n + 1 end
  if n == 0 then return '[]' end
  local parts = {}
  if #v == n then
    for i = 1, n do parts[i] = encode(v[i]) end
    return '[' .. table.concat(parts, ',') .. ']'
  end
  for k, x in pairs(v) do
    if type(k) ~= 'string' then error('a table mixes array and map keys') end
    parts[#parts + 1] = esc(k) .. ':' .. encode(x)
  end
  table.sort(parts)
  return '{' .. table.concat(parts, ',') .. '}'
end
local safeos = { date = os.date, time = os.time }
local env = {
  assert = assert, error = error, getmetatable = getmetatable, ipairs = ipairs, next = next, pairs = pairs,
  pcall = pcall, print = print, rawequal = rawequal, rawget = rawget, rawset = rawset, select = select,
  setmetatable = setmetatable, tonumber = tonumber, tostring = tostring, type = type, unpack = unpack,
  xpcall = xpcall, _VERSION = _VERSION, table = table, os = safeos,
}
env._G = env
env.require = function(name)
  if name == 'os' then return safeos end
  error("module '" .. tostring(name) .. "' not found (Argo CD's sandbox)")
end
env.obj = OBJ
local chunk, err = loadstring(SCRIPT, 'script')
if not chunk then write('{"error":', esc(err), '}') return end
setfenv(chunk, env)
local smt = getmetatable('')
local methods = smt.__index
smt.__index = nil -- no string methods in the sandbox either
local ok, result = pcall(chunk)
smt.__index = methods
if not ok then write('{"error":', esc(tostring(result)), '}') return end
write('{"result":', encode(result), '}')
`;

/** Runs `script` with `obj` as Argo CD would and returns what it returned (JSON). Throws on a Lua error. */
export function runArgoLua(script: string, obj: unknown): unknown {
  const program = `local OBJ = ${luaLiteral(obj)}\nlocal SCRIPT = ${longBracket(script)}\n${HARNESS}`;
  const r = spawnSync(LUA, ['-'], { input: program, encoding: 'utf8', timeout: 10000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`lua5.1 exited ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { result?: unknown; error?: string };
  if (out.error !== undefined) throw new Error(`Lua error: ${out.error}`);
  return out.result ?? null;
}

/** Argo CD's cleanReturnedObj: an empty array where the original had a map is the map again (recursively). */
export function cleanReturned(next: unknown, orig: unknown): unknown {
  if (Array.isArray(next) && Array.isArray(orig)) return next.map((x, i) => cleanReturned(x, orig[i]));
  if (!isMap(next) || !isMap(orig)) return next;
  const out: Record<string, unknown> = { ...next };
  for (const [k, old] of Object.entries(orig)) {
    if (!(k in next)) continue;
    const v = next[k];
    if (Array.isArray(v) && v.length === 0 && isMap(old)) out[k] = old;
    else out[k] = cleanReturned(v, old);
  }
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface ArgoAction {
  name: string;
  'action.lua': string;
}

export interface KindCustomization {
  health: string;
  discovery: string;
  actions: Record<string, string>;
}

/** The health script, the action discovery script and the action scripts argocd-cm holds for `kind`. */
export function customizationFor(kind: string): KindCustomization {
  const cm = parse(readFileSync(ARGOCD_CM, 'utf8')) as { data: Record<string, string> };
  const health = cm.data[`resource.customizations.health.cce.operator.dev_${kind}`];
  const actionsText = cm.data[`resource.customizations.actions.cce.operator.dev_${kind}`];
  if (!health) throw new Error(`no health check for ${kind} in ${ARGOCD_CM}`);
  if (!actionsText) throw new Error(`no actions for ${kind} in ${ARGOCD_CM}`);
  const actions = parse(actionsText) as { 'discovery.lua': string; definitions: ArgoAction[] };
  return {
    health,
    discovery: actions['discovery.lua'],
    actions: Object.fromEntries(actions.definitions.map((d) => [d.name, d['action.lua']])),
  };
}
