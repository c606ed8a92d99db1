--- debrief-ls for Neovim 0.7.2 to 0.11: starts (or reuses) the language server for Markdown
--- buffers, `:DebriefCheck` fills the quickfix list from `debrief-ls check`, and
--- `:checkhealth debrief` reports on both.
---
---   require('debrief').setup({
---     cmd = { 'debrief-ls' },                 -- the server; `cmd[1]` also runs `check`
---     settings = { rules = { ['blame-judgement'] = 'error' } }, -- keys of debrief.toml
---     filetypes = { 'markdown' },
---     root_markers = { 'debrief.toml', '.debrief.toml', '.git' },
---   })
---
--- Everything the module remembers lives in `state` below, never in `_G`.

local M = {}

--- The options `setup()` starts from; each given option replaces its default whole.
M.defaults = {
  -- The server command. `cmd[1]` is the binary `:DebriefCheck` runs.
  cmd = { 'debrief-ls' },
  -- The `debrief` section of `workspace/configuration` (the keys of debrief.toml).
  settings = {},
  filetypes = { 'markdown' },
  -- The first marker found wins; a nested list gives its markers equal priority.
  root_markers = { 'debrief.toml', '.debrief.toml', '.git' },
  -- Called as on_attach(client, bufnr), for keymaps (Neovim 0.7 has no LspAttach).
  on_attach = nil,
  -- Client capabilities; Neovim's defaults when nil.
  capabilities = nil,
}

local option_types = {
  cmd = 'table',
  settings = 'table',
  filetypes = 'table',
  root_markers = 'table',
  on_attach = 'function',
  capabilities = 'table',
}

--- The client name; `lsp/debrief.lua` uses the same, so both ways share a server.
M.name = 'debrief'

local state = {
  -- The options in force, once setup() ran.
  options = nil,
  -- Neovim 0.7 only: root folder (or '' for none) -> client id, for reuse.
  client_ids = {},
  -- Client id -> the server's `serverInfo` (Neovim 0.7 keeps none itself).
  server_info = {},
  -- Messages already shown once (a missing binary would otherwise repeat per buffer).
  told = {},
  -- The augroup of the BufEnter pulls (Neovim 0.10+), made on first use.
  pull_group = nil,
}

local uv = vim.uv or vim.loop
local has_lsp_start = vim.lsp.start ~= nil

local function notify_once(key, message, level)
  if state.told[key] then
    return
  end
  state.told[key] = true
  vim.notify('debrief: ' .. message, level or vim.log.levels.WARN)
end

--- `settings` as sent: an empty table must still encode as a JSON object, not `[]`.
local function as_object(value)
  if value == nil or (type(value) == 'table' and next(value) == nil) then
    return vim.empty_dict()
  end
  return value
end

local function resolve(opts)
  if opts ~= nil and type(opts) ~= 'table' then
    error('debrief.setup: expected a table of options, got ' .. type(opts), 3)
  end
  local resolved = {}
  for key, value in pairs(M.defaults) do
    resolved[key] = value
  end
  for key, value in pairs(opts or {}) do
    local want = option_types[key]
    if not want then
      notify_once('option:' .. tostring(key), ('setup(): unknown option %q is ignored'):format(tostring(key)))
    else
      if key == 'cmd' and type(value) == 'string' then
        value = { value }
      end
      if type(value) ~= want then
        error(('debrief.setup: option %q must be a %s, got %s'):format(key, want, type(value)), 3)
      end
      resolved[key] = value
    end
  end
  if #resolved.cmd == 0 then
    error('debrief.setup: option "cmd" must name the server binary', 3)
  end
  return resolved
end

--- The options in force, and where they come from: those of `setup()`; else, on Neovim
--- 0.11+, the command and root markers of `vim.lsp.config('debrief')`; else the defaults.
function M.options()
  if state.options then
    return state.options, 'setup()'
  end
  local options = resolve(nil)
  local ok, config = pcall(function()
    return vim.lsp.config and vim.lsp.config[M.name]
  end)
  if ok and type(config) == 'table' and type(config.cmd) == 'table' and #config.cmd > 0 then
    options.cmd = config.cmd
    options.root_markers = type(config.root_markers) == 'table' and config.root_markers or options.root_markers
    options.filetypes = type(config.filetypes) == 'table' and config.filetypes or options.filetypes
    return options, "vim.lsp.config('debrief')"
  end
  return options, 'defaults (setup() not called)'
end

--- The file behind a buffer, or nil for scratch buffers, unnamed ones and URLs
--- (`fugitive://`, `oil://`…): the server needs a file to find its configuration.
local function buffer_file(bufnr)
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or name:match('^%a[%w+.-]+://') then
    return nil
  end
  return vim.fn.fnamemodify(name, ':p')
end

--- The nearest folder above `path` holding one of `markers`. Markers are tried in order
--- (the first one found anywhere up the tree wins); a nested list gives equal priority.
--- Same rules as Neovim 0.11's `vim.fs.root`, which 0.7 lacks.
function M.find_root(path, markers)
  local start = vim.fn.fnamemodify(path, ':p')
  if vim.fn.isdirectory(start) == 0 then
    start = vim.fn.fnamemodify(start, ':h')
  end
  start = start:gsub('(.)/$', '%1')
  for _, group in ipairs(markers) do
    local names = type(group) == 'table' and group or { group }
    local dir = start
    while true do
      for _, name in ipairs(names) do
        if uv.fs_stat(dir .. '/' .. name) then
          return dir
        end
      end
      local parent = vim.fn.fnamemodify(dir, ':h')
      if parent == dir then
        break
      end
      dir = parent
    end
  end
  return nil
end

-- Asks `client` for the diagnostics of `bufnr`; the default handler
-- (vim.lsp.diagnostic.on_diagnostic) shows the result.
local function pull(client, bufnr)
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
  if vim.fn.has('nvim-0.11') == 1 then
    client:request('textDocument/diagnostic', params, nil, bufnr)
  else
    client.request('textDocument/diagnostic', params, nil, bufnr)
  end
end

-- Neovim 0.10+ pulls diagnostics (textDocument/diagnostic), and only for buffers shown in
-- a window when they open or change: a buffer attached while hidden would show nothing
-- until edited. Pull again whenever such a buffer is entered.
local function pull_when_entered(client, bufnr)
  local provider = client.server_capabilities and client.server_capabilities.diagnosticProvider
  if not provider or vim.fn.has('nvim-0.10') == 0 then
    return
  end
  state.pull_group = state.pull_group or vim.api.nvim_create_augroup('debrief_pull', { clear = true })
  vim.api.nvim_clear_autocmds({ group = state.pull_group, buffer = bufnr })
  vim.api.nvim_create_autocmd('BufEnter', {
    group = state.pull_group,
    buffer = bufnr,
    desc = 'debrief-ls: pull diagnostics for a buffer attached while hidden',
    callback = function()
      local live = vim.lsp.get_client_by_id(client.id)
      if not live then
        return true -- the client is gone: drop the autocmd
      end
      pull(live, bufnr)
    end,
  })
end

-- Neovim 0.10 and 0.11 pull diagnostics but have no handler for the server's
-- `workspace/diagnostic/refresh` (sent when debrief.toml or the settings change, e.g.
-- after "Allow “Hermes” (not a person)"): pull again for every buffer of the client.
local function on_diagnostic_refresh(_, _, ctx)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  if client then
    for bufnr in pairs(client.attached_buffers or {}) do
      if vim.api.nvim_buf_is_loaded(bufnr) then
        pull(client, bufnr)
      end
    end
  end
  return vim.NIL
end

-- Only where Neovim pulls and has no handler of its own.
local function refresh_handlers()
  if vim.fn.has('nvim-0.10') == 0 or vim.lsp.handlers['workspace/diagnostic/refresh'] then
    return nil
  end
  return { ['workspace/diagnostic/refresh'] = on_diagnostic_refresh }
end

local function on_init(client, result)
  state.server_info[client.id] = result and result.serverInfo
end

local function on_exit(_, _, client_id)
  state.server_info[client_id] = nil
  for root, id in pairs(state.client_ids) do
    if id == client_id then
      state.client_ids[root] = nil
    end
  end
end

--- The client configuration for one root (nil: no project folder, one shared server).
local function client_config(options, root)
  local settings = as_object(options.settings)
  return {
    name = M.name,
    cmd = options.cmd,
    root_dir = root,
    workspace_folders = root and { { uri = vim.uri_from_fname(root), name = root } } or nil,
    -- Neovim answers `workspace/configuration` from this table.
    settings = { debrief = settings },
    init_options = { debrief = settings },
    capabilities = options.capabilities,
    handlers = refresh_handlers(),
    on_init = on_init,
    on_exit = on_exit,
    on_attach = function(client, bufnr)
      pull_when_entered(client, bufnr)
      if options.on_attach then
        options.on_attach(client, bufnr)
      end
    end,
  }
end

--- The attributes `lsp/debrief.lua` hands to `vim.lsp.config` (Neovim 0.11+).
function M.lsp_config()
  local d = M.defaults
  return {
    cmd = vim.deepcopy(d.cmd),
    filetypes = vim.deepcopy(d.filetypes),
    root_markers = vim.deepcopy(d.root_markers),
    settings = { debrief = vim.empty_dict() },
    -- The server also reads its settings from `initializationOptions`.
    before_init = function(params, config)
      params.initializationOptions = { debrief = as_object(config.settings and config.settings.debrief) }
    end,
    handlers = refresh_handlers(),
    on_init = on_init,
    on_attach = pull_when_entered,
  }
end

local function executable(options)
  if vim.fn.executable(options.cmd[1]) == 1 then
    return true
  end
  notify_once(
    'missing:' .. options.cmd[1],
    ('cannot run %q: install debrief-ls or set `cmd` in setup() (see :checkhealth debrief)'):format(options.cmd[1]),
    vim.log.levels.ERROR
  )
  return false
end

--- Starts or reuses the server for the buffer's project and attaches the buffer.
--- Returns the client id, or nil when the buffer has no file or the server cannot run.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local options = M.options()
  local file = buffer_file(bufnr)
  if not file or not executable(options) then
    return nil
  end
  local root = M.find_root(file, options.root_markers)
  if has_lsp_start then
    -- Reuses a running client of the same name and root. 0.8 attaches the current
    -- buffer (it has no `bufnr` option), so make `bufnr` current for the call.
    local id
    vim.api.nvim_buf_call(bufnr, function()
      id = vim.lsp.start(client_config(options, root), { bufnr = bufnr })
    end)
    return id
  end
  -- Neovim 0.7: no vim.lsp.start; keep one client per root ourselves.
  local key = root or ''
  local id = state.client_ids[key]
  if not (id and vim.lsp.get_client_by_id(id)) then
    id = vim.lsp.start_client(client_config(options, root))
    if not id then
      return nil
    end
    state.client_ids[key] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- The running debrief clients (optionally those attached to `bufnr`).
function M.clients(bufnr)
  local found = {}
  local all
  if vim.lsp.get_clients then
    all = vim.lsp.get_clients({ name = M.name, bufnr = bufnr })
  elseif bufnr then
    all = vim.lsp.buf_get_clients(bufnr)
  else
    all = vim.lsp.get_active_clients()
  end
  for _, client in pairs(all) do
    if client.name == M.name then
      table.insert(found, client)
    end
  end
  table.sort(found, function(a, b)
    return a.id < b.id
  end)
  return found
end

--- The `serverInfo` a client's server sent at `initialize`, if any.
function M.server_info(client)
  return state.server_info[client.id] or client.server_info
end

local function wanted_filetype(options, filetype)
  for _, ft in ipairs(options.filetypes) do
    if ft == filetype then
      return true
    end
  end
  return false
end

-- `:DebriefCheck` ------------------------------------------------------------------------

local quickfix_type = { error = 'E', warning = 'W', info = 'I', hint = 'N' }

--- 1-based byte column of the 1-based `column`, counted in Unicode scalar values (what
--- `check --format json` reports), on `line`.
function M.byte_column(line, column)
  if column <= 1 then
    return 1
  end
  -- byteidxcomp counts composing characters on their own, as scalar values are.
  local index = vim.fn.byteidxcomp(line, column - 1)
  if index < 0 then
    return #line + 1
  end
  return index + 1
end

local function absolute(path, cwd)
  if path:sub(1, 1) == '/' or path:match('^%a:[/\\]') then
    return path
  end
  return cwd .. '/' .. path
end

--- Quickfix items for a `check --format json` document; `cwd` is where check ran.
function M.quickfix_items(document, cwd)
  local items = {}
  for _, file in ipairs(document.files or {}) do
    local filename = absolute(file.path, cwd)
    local lines
    for _, d in ipairs(file.diagnostics or {}) do
      -- Columns count characters; quickfix wants bytes, so read the file check read.
      lines = lines or (vim.fn.filereadable(filename) == 1 and vim.fn.readfile(filename) or {})
      local s, e = d.range.start, d.range['end']
      table.insert(items, {
        filename = filename,
        lnum = s.line,
        col = M.byte_column(lines[s.line] or '', s.column),
        end_lnum = e.line,
        end_col = M.byte_column(lines[e.line] or '', e.column),
        type = quickfix_type[d.severity] or 'W',
        text = ('[%s] %s'):format(d.rule, d.message),
        valid = 1,
      })
    end
  end
  return items
end

local function decode_json(text)
  if vim.json and vim.json.decode then
    return pcall(vim.json.decode, text)
  end
  return pcall(vim.fn.json_decode, text)
end

--- Where a command runs: `opts.cwd`, else the project of the current buffer, else the
--- current folder.
local function command_cwd(opts, options)
  if opts.cwd then
    return opts.cwd
  end
  local file = buffer_file(vim.api.nvim_get_current_buf())
  return (file and M.find_root(file, options.root_markers)) or vim.fn.getcwd()
end

--- `args` with the `paths` given, made absolute.
local function with_paths(args, paths)
  for _, path in ipairs(paths or {}) do
    table.insert(args, vim.fn.fnamemodify(vim.fn.expand(path), ':p'))
  end
  return args
end

--- Starts `args` as a job; the job id, or nil (and the user told once) if it did not start.
local function start_job(options, args, job_options)
  local job = vim.fn.jobstart(args, job_options)
  if job <= 0 then
    notify_once('job:' .. options.cmd[1], ('could not run %q'):format(options.cmd[1]), vim.log.levels.ERROR)
    return nil
  end
  return job
end

--- Runs `debrief-ls check --format json` and fills the quickfix list.
--- opts: `paths` (default: the project of the current buffer, else the current folder),
--- `cwd`, `open` (open the quickfix window when there are findings; default true),
--- `on_done(result)` with result = { items, code, summary, problems }.
--- Returns the job id, or nil when it could not start.
function M.check(opts)
  opts = opts or {}
  local options = M.options()
  if not executable(options) then
    return nil
  end
  local cwd = command_cwd(opts, options)
  local args = with_paths({ options.cmd[1], 'check', '--format', 'json' }, opts.paths)
  local stdout, stderr = {}, {}
  local function collect(into)
    return function(_, data)
      for _, chunk in ipairs(data or {}) do
        table.insert(into, chunk)
      end
    end
  end
  local function finish(code)
    local problems = {}
    for _, line in ipairs(stderr) do
      if line ~= '' then
        table.insert(problems, line)
      end
    end
    local ok, document = decode_json(table.concat(stdout, '\n'))
    if not ok or type(document) ~= 'table' then
      document = { files = {} }
      table.insert(problems, 1, ('%s check printed no JSON (exit code %d)'):format(options.cmd[1], code))
    end
    local items = M.quickfix_items(document, cwd)
    -- "path: error: what" lines: unreadable files, bad configuration.
    for _, line in ipairs(problems) do
      local path, message = line:match('^(.-): error: (.*)$')
      table.insert(items, {
        filename = path and absolute(path, cwd) or nil,
        lnum = path and 1 or 0,
        type = 'E',
        text = path and message or line,
        valid = path and 1 or 0,
      })
    end
    vim.fn.setqflist({}, ' ', { title = 'debrief-ls check ' .. cwd, items = items })
    local summary = type(document.summary) == 'table' and document.summary or {}
    if #items > 0 and opts.open ~= false then
      vim.cmd('botright copen')
    elseif #items == 0 then
      vim.notify(('debrief: no findings in %d files'):format(summary.files or 0), vim.log.levels.INFO)
    end
    if opts.on_done then
      opts.on_done({ items = items, code = code, summary = summary, problems = problems })
    end
  end
  return start_job(options, args, {
    cwd = cwd,
    stdout_buffered = true,
    stderr_buffered = true,
    on_stdout = collect(stdout),
    on_stderr = collect(stderr),
    on_exit = function(_, code)
      -- on_exit runs in a fast context on some versions; quickfix needs the main loop.
      vim.schedule(function()
        finish(code)
      end)
    end,
  })
end

--- Opens `path` with the system's viewer (a browser for HTML): vim.ui.open on Neovim
--- 0.10 and later, else xdg-open or open. Returns whether a viewer was started.
local function open_file(path)
  if vim.ui and vim.ui.open then
    local ok = pcall(vim.ui.open, path)
    return ok
  end
  for _, opener in ipairs({ 'xdg-open', 'open' }) do
    if vim.fn.executable(opener) == 1 then
      return vim.fn.jobstart({ opener, path }, { detach = true }) > 0
    end
  end
  return false
end

--- Runs `debrief-ls report --format html` (SPEC 9) over the project and opens the page.
--- opts: `paths` (default: the project of the current buffer, else the current folder),
--- `output` (default: debrief-report.html in Neovim's cache folder), `open` (default
--- true), `on_done(result)` with result = { code, output, problems }.
--- Returns the job id, or nil when it could not start.
function M.report(opts)
  opts = opts or {}
  local options = M.options()
  if not executable(options) then
    return nil
  end
  local output = opts.output or (vim.fn.stdpath('cache') .. '/debrief-report.html')
  vim.fn.mkdir(vim.fn.fnamemodify(output, ':h'), 'p')
  local args = with_paths({ options.cmd[1], 'report', '--format', 'html', '--output', output }, opts.paths)
  local stderr = {}
  return start_job(options, args, {
    cwd = command_cwd(opts, options),
    stderr_buffered = true,
    on_stderr = function(_, data)
      for _, line in ipairs(data or {}) do
        if line ~= '' then
          table.insert(stderr, line)
        end
      end
    end,
    on_exit = function(_, code)
      vim.schedule(function()
        if code ~= 0 or vim.fn.filereadable(output) == 0 then
          vim.notify(('debrief: the report could not be written (exit code %d)\n%s'):format(code, table.concat(stderr, '\n')), vim.log.levels.ERROR)
        elseif opts.open ~= false and not open_file(output) then
          vim.notify('debrief: report written to ' .. output, vim.log.levels.INFO)
        end
        if opts.on_done then
          opts.on_done({ code = code, output = output, problems = stderr })
        end
      end)
    end,
  })
end

--- Defines `:DebriefCheck [path…]` and `:DebriefReport [path…]`; setup() and
--- plugin/debrief.lua both call it.
function M.create_commands()
  vim.api.nvim_create_user_command('DebriefCheck', function(command)
    M.check({ paths = command.fargs })
  end, {
    nargs = '*',
    complete = 'file',
    desc = 'debrief-ls check on the project (or the paths given), into the quickfix list',
  })
  vim.api.nvim_create_user_command('DebriefReport', function(command)
    M.report({ paths = command.fargs })
  end, {
    nargs = '*',
    complete = 'file',
    desc = 'debrief-ls report of the project (or the paths given): writes the HTML page and opens it',
  })
end

--- Sets the options, defines `:DebriefCheck` and attaches the server to buffers of
--- `filetypes`, now and as they open. Calling it again replaces the options.
function M.setup(opts)
  local options = resolve(opts)
  state.options = options
  M.create_commands()
  local group = vim.api.nvim_create_augroup('debrief', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = options.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
    desc = 'debrief-ls: start or reuse the server and attach',
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and wanted_filetype(options, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

return M
