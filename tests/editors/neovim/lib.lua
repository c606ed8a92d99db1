-- A small test harness for headless Neovim 0.7.2 and 0.11: named tests, assertions,
-- bounded waits, a closing "N passed, N failed" line and the exit code.
-- Run a spec as: nvim --headless -u NONE -i NONE -n -c 'luafile SPEC' (see run.sh).

local H = { passed = 0, failed = 0, failures = {} }

H.version = (function()
  local v = vim.version()
  return ('%d.%d.%d'):format(v.major, v.minor, v.patch)
end)()

function H.say(text)
  io.stdout:write(text .. '\n')
  io.stdout:flush()
end

--- The environment the runner sets; a missing one is a broken run, not a test failure.
function H.env(name)
  local value = os.getenv(name)
  if not value or value == '' then
    error('environment variable ' .. name .. ' is not set (run through tests/editors/neovim/run.sh)', 2)
  end
  return value
end

local function show(value)
  return type(value) == 'string' and ('%q'):format(value) or vim.inspect(value)
end

function H.eq(expected, actual, what)
  if not vim.deep_equal(expected, actual) then
    error(('%s: expected %s, got %s'):format(what or 'value', show(expected), show(actual)), 2)
  end
end

function H.truthy(value, what)
  if not value then
    error((what or 'condition') .. ' does not hold', 2)
  end
  return value
end

function H.contains(haystack, needle, what)
  if type(haystack) ~= 'string' or not haystack:find(needle, 1, true) then
    error(('%s: %s does not contain %s'):format(what or 'text', show(haystack), show(needle)), 2)
  end
end

--- Waits until `condition()` returns a truthy value and returns it; fails after `ms`.
function H.wait(ms, condition, what)
  local value
  local ok = vim.wait(ms, function()
    value = condition()
    return value and true or false
  end, 20)
  if not ok then
    error(('timed out after %d ms waiting for %s'):format(ms, what or 'a condition'), 2)
  end
  return value
end

function H.test(name, fn)
  local started = vim.loop.hrtime()
  local ok, err = xpcall(fn, debug.traceback)
  local ms = (vim.loop.hrtime() - started) / 1e6
  if ok then
    H.passed = H.passed + 1
    H.say(('  ok    %s (%.0f ms)'):format(name, ms))
  else
    H.failed = H.failed + 1
    table.insert(H.failures, name)
    H.say(('  FAIL  %s (%.0f ms)\n%s'):format(name, ms, tostring(err):gsub('\n', '\n        ')))
  end
end

--- Prints the summary and exits Neovim: 0 when every test passed, 1 otherwise.
function H.finish(label)
  H.say(('%s: %d passed, %d failed'):format(label, H.passed, H.failed))
  if H.failed > 0 or H.passed == 0 then
    pcall(vim.cmd, 'cquit 1')
  end
  pcall(vim.cmd, 'qall!')
  -- qall! can be refused (a job, a modified buffer); make sure nothing hangs.
  pcall(vim.cmd, 'cquit 1')
end

--- Runs `body` and always exits: an error outside a test fails the run rather than
--- leaving a headless Neovim waiting for input.
function H.run(label, body)
  local ok, err = xpcall(body, debug.traceback)
  if not ok then
    H.failed = H.failed + 1
    H.say('  FAIL  (outside a test)\n' .. tostring(err))
  end
  H.finish(label)
end

--- Copies a file, creating the folders on the way.
function H.copy(from, to)
  vim.fn.mkdir(vim.fn.fnamemodify(to, ':h'), 'p')
  H.eq(0, vim.fn.writefile(vim.fn.readfile(from, 'b'), to, 'b'), 'writefile ' .. to)
end

function H.write(path, lines)
  vim.fn.mkdir(vim.fn.fnamemodify(path, ':h'), 'p')
  H.eq(0, vim.fn.writefile(lines, path), 'writefile ' .. path)
end

--- Diagnostics of `bufnr` with `code` (the rule id).
function H.diagnostics(bufnr, code)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code == nil or d.code == code then
      table.insert(found, d)
    end
  end
  return found
end

function H.codes(bufnr)
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(codes, d.code)
  end
  table.sort(codes)
  return codes
end

return H
