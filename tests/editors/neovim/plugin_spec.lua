-- The Neovim plugin against the real server, in headless Neovim 0.7.2 and 0.11:
-- setup(), attach and reuse, diagnostics with the right columns, quick fixes applied
-- through the client, fix-all through codeAction/resolve, settings, :DebriefCheck,
-- :DebriefReport, inlay hints (0.10+),
-- :checkhealth debrief and a missing binary. run.sh sets the environment.

local repo = os.getenv('DEBRIEF_REPO')
local H = dofile(repo .. '/tests/editors/neovim/lib.lua')

H.run('neovim ' .. H.version .. ' plugin', function()
  local bin = H.env('DEBRIEF_LS')
  local work = H.env('DEBRIEF_WORK')
  local fixture = repo .. '/tests/editors/neovim/fixtures/checkout-errors.md'

  -- A project found by its debrief.toml, with a space in its path; a second one found
  -- by .git; Markdown that is not a debrief.
  local project = work .. '/team docs'
  local debrief_file = project .. '/postmortems/checkout-errors.md'
  local second_file = project .. '/postmortems/second.md'
  local notes_file = project .. '/notes/notes.md'
  local other = work .. '/other'
  local other_file = other .. '/incidents/checkout-errors.md'
  H.write(project .. '/debrief.toml', { '# the project root' })
  H.copy(fixture, debrief_file)
  H.copy(fixture, second_file)
  H.copy(repo .. '/tests/editors/neovim/fixtures/notes.md', notes_file)
  vim.fn.mkdir(other .. '/.git', 'p')
  H.copy(fixture, other_file)

  -- Calls of deprecated API (0.11 reports them through vim.deprecate).
  local deprecated = {}
  if vim.deprecate then
    local original = vim.deprecate
    vim.deprecate = function(name, ...)
      if debug.traceback():find('/editors/neovim/', 1, true) then
        table.insert(deprecated, name)
      end
      return original(name, ...)
    end
  end

  vim.opt.runtimepath:prepend(repo .. '/editors/neovim')
  vim.cmd('filetype on')
  local debrief = require('debrief')

  local function open(path)
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    return vim.api.nvim_get_current_buf()
  end

  local function line_of(bufnr, lnum)
    return vim.api.nvim_buf_get_lines(bufnr, lnum - 1, lnum, true)[1]
  end

  local function has_code(bufnr, code)
    return #H.diagnostics(bufnr, code) > 0
  end

  local function the_client(bufnr)
    local clients = debrief.clients(bufnr)
    H.eq(1, #clients, 'debrief clients attached to buffer ' .. bufnr)
    return clients[1]
  end

  -- The LSP form of a diagnostic, as the client sends it back in a code action context.
  local function lsp_diagnostic(bufnr, d, client)
    local lsp = vim.deepcopy(d.user_data and d.user_data.lsp or {})
    if not lsp.range then
      -- Neovim 0.7 keeps only code and data; rebuild the range in the client's encoding.
      local function position(lnum, col)
        local text = line_of(bufnr, lnum + 1)
        local utf32, utf16 = vim.str_utfindex(text, math.min(col, #text))
        return { line = lnum, character = client.offset_encoding == 'utf-8' and col or (client.offset_encoding == 'utf-32' and utf32 or utf16) }
      end
      lsp.range = { start = position(d.lnum, d.col), ['end'] = position(d.end_lnum, d.end_col) }
      lsp.message, lsp.severity, lsp.source, lsp.code = d.message, d.severity, d.source, d.code
    end
    return lsp
  end

  -- Runs vim.lsp.buf.code_action() and picks, in the menu it opens, the first action whose
  -- title holds `wanted`. Returns the titles offered (filled when the menu opens) and a
  -- function that puts vim.ui.select back if the menu never opened.
  local function choose_code_action(wanted)
    local offered = {}
    local original = vim.ui.select
    vim.ui.select = function(items, opts, on_choice)
      local chosen
      for i, item in ipairs(items) do
        local title = opts.format_item(item)
        table.insert(offered, title)
        if not chosen and title:find(wanted, 1, true) then
          chosen = i
        end
      end
      vim.ui.select = original
      on_choice(chosen and items[chosen] or nil, chosen)
    end
    vim.lsp.buf.code_action()
    return offered, function()
      vim.ui.select = original
    end
  end

  local function code_actions(bufnr, params)
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 5000)
    local actions = {}
    for _, response in pairs(H.truthy(responses, 'codeAction responses')) do
      H.eq(nil, response.err, 'codeAction error')
      for _, action in ipairs(response.result or {}) do
        table.insert(actions, action)
      end
    end
    return actions
  end

  local function find_action(actions, title)
    local titles = {}
    for _, action in ipairs(actions) do
      if action.title == title then
        return action
      end
      table.insert(titles, action.title)
    end
    error(('no action %q among %s'):format(title, vim.inspect(titles)), 2)
  end

  local expected_version = vim.trim(vim.fn.system({ bin, '--version' }))
  local buf

  H.test('setup() attaches the server to a debrief and its diagnostics arrive', function()
    debrief.setup({ cmd = { bin } })
    buf = open(debrief_file)
    H.eq('markdown', vim.bo[buf].filetype, 'filetype')
    H.wait(15000, function()
      return has_code(buf, 'timeline-missing') and has_code(buf, 'blame-counterfactual')
        and has_code(buf, 'cause-human-error')
    end, 'timeline-missing, blame-counterfactual and cause-human-error on ' .. debrief_file)
    local client = the_client(buf)
    H.eq('debrief', client.name, 'client name')
    H.eq(project, client.config.root_dir, 'root_dir (the folder with debrief.toml)')
    H.eq(vim.uri_from_fname(project), client.workspace_folders[1].uri, 'workspace folder')
    local d = H.diagnostics(buf, 'blame-counterfactual')[1]
    H.eq('debrief-ls', d.source, 'source')
    H.eq(vim.diagnostic.severity.WARN, d.severity, 'severity')
    -- "Déjà vu 😬 — the on-call…": the server counts in the negotiated encoding (UTF-16
    -- on 0.7, UTF-8 on 0.11); Neovim's byte columns must land on the phrase.
    local text = line_of(buf, 10)
    local start = text:find('the on-call engineer should have noticed', 1, true)
    H.eq({ 9, start - 1, 9, start - 1 + 40 }, { d.lnum, d.col, d.end_lnum, d.end_col }, 'range of the finding')
  end)

  H.test('a second debrief of the same project reuses the client', function()
    local first = the_client(buf)
    local second = open(second_file)
    H.wait(15000, function()
      return has_code(second, 'timeline-missing')
    end, 'diagnostics on ' .. second_file)
    H.eq(first.id, the_client(second).id, 'client of the second debrief')
    H.eq(1, #debrief.clients(), 'debrief clients running')
  end)

  H.test('Markdown that is not a debrief gets no diagnostics', function()
    local notes = open(notes_file)
    H.wait(5000, function()
      return #debrief.clients(notes) == 1
    end, 'the notes buffer to attach')
    -- A round trip, then time for any (wrong) diagnostics to be pushed or pulled.
    vim.lsp.buf_request_sync(notes, 'textDocument/documentSymbol', { textDocument = { uri = vim.uri_from_bufnr(notes) } }, 5000)
    vim.wait(1500)
    H.eq({}, H.codes(notes), 'diagnostics on notes.md (the same phrases are flagged in a debrief)')
  end)

  H.test('a quick fix chosen through vim.lsp.buf.code_action() rewrites the text and clears the finding', function()
    vim.cmd('buffer ' .. buf)
    local d = H.diagnostics(buf, 'blame-counterfactual')[1]
    vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
    local tick = vim.api.nvim_buf_get_changedtick(buf)
    local offered, restore = choose_code_action('Rewrite as what happened')
    H.wait(5000, function()
      return vim.api.nvim_buf_get_changedtick(buf) ~= tick
    end, 'the code action to edit the buffer; offered: ' .. vim.inspect(offered))
    restore()
    -- Neovim 0.7 sends the diagnostic back with byte columns as characters (non-ASCII
    -- comes before this finding); the server must still recognise it.
    H.truthy(vim.tbl_contains(offered, 'Ignore blame-counterfactual for this line'), 'the ignore action is offered too: ' .. vim.inspect(offered))
    H.eq('Déjà vu 😬 — the on-call engineer did not notice the alert sooner.', line_of(buf, 10), 'line 10 after the fix')
    H.wait(10000, function()
      return not has_code(buf, 'blame-counterfactual') and has_code(buf, 'cause-human-error')
    end, 'blame-counterfactual to clear while cause-human-error stays')
  end)

  H.test('"Ignore for this line" requested with buf_request_sync and applied with apply_workspace_edit', function()
    local client = the_client(buf)
    local d = H.diagnostics(buf, 'cause-human-error')[1]
    local diagnostic = lsp_diagnostic(buf, d, client)
    local actions = code_actions(buf, {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = diagnostic.range,
      context = { diagnostics = { diagnostic }, only = { 'quickfix' } },
    })
    local action = find_action(actions, 'Ignore cause-human-error for this line')
    H.eq('quickfix', action.kind, 'kind')
    local before = vim.api.nvim_buf_line_count(buf)
    vim.lsp.util.apply_workspace_edit(H.truthy(action.edit, 'the action has an edit'), client.offset_encoding)
    H.eq(before + 1, vim.api.nvim_buf_line_count(buf), 'line count after the edit')
    H.truthy(line_of(buf, 12):match('^<!%-%- debrief%-ignore.*cause%-human%-error.*%-%->$'), 'a suppression comment on line 12: ' .. line_of(buf, 12))
    H.eq('It was human error, and the runbook was out of date.', line_of(buf, 13), 'the flagged line, unchanged')
    H.wait(10000, function()
      return not has_code(buf, 'cause-human-error') and has_code(buf, 'timeline-missing')
    end, 'cause-human-error to clear while timeline-missing stays')
  end)

  H.test('"Fix all safe issues" (source.fixAll.debrief) resolved and applied', function()
    local client = the_client(buf)
    local actions = code_actions(buf, {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
      context = { diagnostics = {}, only = { 'source.fixAll.debrief' } },
    })
    local action = find_action(actions, 'Fix all safe issues')
    H.eq('source.fixAll.debrief', action.kind, 'kind')
    if not action.edit then
      local resolved
      if vim.fn.has('nvim-0.11') == 1 then
        resolved = client:request_sync('codeAction/resolve', action, 5000, buf)
      else
        resolved = client.request_sync('codeAction/resolve', action, 5000, buf)
      end
      H.truthy(resolved and not resolved.err, 'codeAction/resolve answered: ' .. vim.inspect(resolved))
      action = resolved.result
    end
    vim.lsp.util.apply_workspace_edit(H.truthy(action.edit, 'resolved action has an edit'), client.offset_encoding)
    local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n')
    H.truthy(text:find('\n## Timeline', 1, true), 'a timeline heading was inserted:\n' .. text)
    H.wait(10000, function()
      return not has_code(buf, 'timeline-missing')
    end, 'timeline-missing to clear')
  end)

  H.test('settings from setup() reach the server (workspace/configuration)', function()
    debrief.setup({
      cmd = { bin },
      settings = { rules = { ['cause-human-error'] = 'off', ['blame-counterfactual'] = 'error' } },
    })
    local other_buf = open(other_file)
    H.wait(15000, function()
      return has_code(other_buf, 'timeline-missing') and has_code(other_buf, 'blame-counterfactual')
    end, 'diagnostics on ' .. other_file)
    local client = the_client(other_buf)
    H.eq(other, client.config.root_dir, 'root_dir (the folder with .git)')
    H.eq(2, #debrief.clients(), 'one client per project')
    H.eq(vim.diagnostic.severity.ERROR, H.diagnostics(other_buf, 'blame-counterfactual')[1].severity, 'blame-counterfactual raised to error')
    H.eq({}, H.diagnostics(other_buf, 'cause-human-error'), 'cause-human-error turned off')
  end)

  H.test(':DebriefCheck fills the quickfix list with byte columns', function()
    vim.cmd('buffer ' .. buf)
    vim.fn.setqflist({}, 'r', { title = 'before', items = {} })
    vim.cmd('DebriefCheck')
    local items = H.wait(15000, function()
      local list = vim.fn.getqflist({ title = 1, items = 1 })
      return vim.startswith(list.title, 'debrief-ls check') and list.items
    end, 'the quickfix list from :DebriefCheck')
    H.contains(vim.fn.getqflist({ title = 1 }).title, project, 'title names the project')
    local by_file = {}
    local found
    for _, item in ipairs(items) do
      local name = vim.api.nvim_buf_get_name(item.bufnr)
      by_file[name] = (by_file[name] or 0) + 1
      if name == debrief_file and item.text:find('[blame-counterfactual]', 1, true) then
        found = item
      end
    end
    H.eq(nil, by_file[notes_file], 'findings on notes.md')
    H.truthy(by_file[second_file], 'findings on second.md')
    H.truthy(found, 'the blame-counterfactual finding of checkout-errors.md (on disk, not the edited buffer)')
    -- On disk line 10 is "Déjà vu 😬 — the on-call…": character column 13, byte column 20.
    local disk_line = vim.fn.readfile(debrief_file)[10]
    local start = disk_line:find('the on-call', 1, true)
    H.eq(20, start, 'byte column of the phrase in the fixture')
    H.eq({ 10, start, 10, start + 40, 'W' }, { found.lnum, found.col, found.end_lnum, found.end_col, found.type }, 'quickfix position and type')
    H.truthy(vim.fn.getqflist({ winid = 1 }).winid ~= 0, 'the quickfix window is open')
    vim.cmd('cclose')
  end)

  H.test(':DebriefCheck reports a path it cannot check', function()
    vim.cmd('DebriefCheck ' .. vim.fn.fnameescape(work .. '/missing.md'))
    local items = H.wait(15000, function()
      local list = vim.fn.getqflist({ title = 1, items = 1 })
      return #list.items > 0 and list.items[1].text:find('no such file', 1, true) and list.items
    end, 'a quickfix item naming the missing file')
    H.eq('E', items[1].type, 'type')
    H.eq(work .. '/missing.md', vim.api.nvim_buf_get_name(items[1].bufnr), 'file of the item')
    vim.cmd('cclose')
  end)

  H.test(':DebriefReport exists, and report() writes the page of the project', function()
    H.eq(2, vim.fn.exists(':DebriefReport'), ':DebriefReport is defined')
    local out = work .. '/report/debrief-report.html'
    local done
    debrief.report({ paths = { project }, output = out, open = false, on_done = function(result)
      done = result
    end })
    H.wait(15000, function()
      return done
    end, 'the report to be written')
    H.eq(0, done.code, 'exit code of debrief-ls report')
    H.eq(out, done.output, 'where it was written')
    local page = table.concat(vim.fn.readfile(out), '\n')
    H.contains(page, '<html', 'an HTML page')
    H.contains(page, 'café checkout errors', 'the project\'s debrief in the report')
  end)

  if vim.lsp.inlay_hint and vim.lsp.inlay_hint.get then
    H.test('inlay hints give the time since the entry before and since impact began (0.10+)', function()
      local file = project .. '/postmortems/timed.md'
      H.write(file, { '# Incident debrief', '', '## Timeline (UTC)', '', '- 14:00 errors started', '- 14:05 alert fired' })
      local b = open(file)
      H.wait(10000, function()
        return #debrief.clients(b) == 1
      end, 'the client attached to timed.md')
      vim.lsp.inlay_hint.enable(true, { bufnr = b })
      local hints = H.wait(10000, function()
        local got = vim.lsp.inlay_hint.get({ bufnr = b })
        return #got >= 2 and got
      end, 'two inlay hints')
      table.sort(hints, function(x, y)
        return x.inlay_hint.position.line < y.inlay_hint.position.line
      end)
      local shown = {}
      for _, h in ipairs(hints) do
        table.insert(shown, { h.inlay_hint.position.line, h.inlay_hint.label })
      end
      H.eq({ { 4, 'started · T+0 min' }, { 5, '+5 min · detected · T+5 min' } }, shown, 'hints on lines 5 and 6')
      vim.cmd('bwipeout! ' .. b)
    end)
  end

  local function health_text()
    vim.cmd('checkhealth debrief')
    local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
    vim.cmd('bwipeout!')
    return text
  end

  H.test('"Allow “Marvin” (not a person)" writes debrief.toml, keeps its comment and clears the finding', function()
    local words_file = project .. '/postmortems/marvin.md'
    H.write(words_file, { '# Incident debrief', '', '## Analysis', '', 'Marvin deleted the production volume.' })
    local wbuf = open(words_file)
    H.wait(10000, function()
      return has_code(wbuf, 'blame-named-person')
    end, 'the named-person finding on Marvin')
    local d = H.diagnostics(wbuf, 'blame-named-person')[1]
    vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
    local offered, restore = choose_code_action('Allow “Marvin” (not a person)')
    H.wait(10000, function()
      return not has_code(wbuf, 'blame-named-person')
    end, 'the finding to clear without a save; offered: ' .. vim.inspect(offered))
    restore()
    local toml = vim.fn.readfile(project .. '/debrief.toml')
    H.eq({ '# the project root', '', '[words]', 'allow = ["Marvin"]' }, toml, 'debrief.toml')
    H.eq(false, vim.bo[wbuf].modified, 'the debrief itself is not edited')
  end)

  H.test(':checkhealth debrief reports the binary, its version and the servers', function()
    local text = health_text()
    H.contains(text, 'found ' .. bin, 'health')
    H.contains(text, 'version: ' .. expected_version, 'health')
    H.contains(text, 'debrief-ls ' .. expected_version:match('[%d.]+$') .. ' running for project ' .. project, 'health')
    H.contains(text, 'running for project ' .. other, 'health')
    H.truthy(not text:find('ERROR'), 'no error in the report:\n' .. text)
  end)

  H.test('setup() also attaches Markdown buffers opened before it', function()
    vim.api.nvim_del_augroup_by_name('debrief')
    local early_file = work .. '/early/postmortems/checkout-errors.md'
    H.copy(fixture, early_file)
    local early = open(early_file)
    local scratch = vim.api.nvim_create_buf(true, true)
    vim.bo[scratch].filetype = 'markdown'
    H.eq(0, #debrief.clients(early), 'clients before setup()')
    vim.cmd('enew')
    debrief.setup({ cmd = { bin } })
    H.wait(15000, function()
      return #debrief.clients(early) == 1
    end, 'the earlier buffer to attach')
    H.eq(0, #debrief.clients(scratch), 'clients of a scratch buffer (no file)')
    -- Attached while hidden: 0.10+ pulls diagnostics only for buffers in a window, so
    -- the plugin pulls when the buffer is entered.
    vim.cmd('buffer ' .. early)
    H.wait(15000, function()
      return has_code(early, 'timeline-missing')
    end, 'diagnostics on ' .. early_file .. ' once it is shown')
  end)

  H.test('a missing binary is reported once, by notification and by :checkhealth', function()
    local messages = {}
    local original = vim.notify
    vim.notify = function(message, level)
      table.insert(messages, { message, level })
    end
    local missing = work .. '/bin/no-such-debrief-ls'
    local ok, err = pcall(function()
      debrief.setup({ cmd = { missing } })
      local before = #debrief.clients()
      local a = open(work .. '/third/postmortems/a.md')
      local b = open(work .. '/third/postmortems/b.md')
      H.eq(before, #debrief.clients(), 'clients running')
      H.eq(0, #debrief.clients(a) + #debrief.clients(b), 'clients attached to the new buffers')
    end)
    vim.notify = original
    assert(ok, err)
    H.eq(1, #messages, 'notifications: ' .. vim.inspect(messages))
    H.contains(messages[1][1], 'cannot run', 'notification')
    H.eq(vim.log.levels.ERROR, messages[1][2], 'notification level')
    local text = health_text()
    H.contains(text, missing, 'health')
    H.contains(text, 'is not executable', 'health')
  end)

  H.test(':help finds the plugin\'s help tags', function()
    -- helptags writes a tags file next to the help; do it on a copy.
    local doc = work .. '/helpdoc'
    H.copy(repo .. '/editors/neovim/doc/debrief.txt', doc .. '/doc/debrief.txt')
    vim.cmd('helptags ' .. vim.fn.fnameescape(doc .. '/doc'))
    vim.opt.runtimepath:prepend(doc)
    for _, tag in ipairs({ ':DebriefCheck', 'debrief.setup()', 'debrief-options', 'debrief-health' }) do
      vim.cmd('help ' .. tag)
      H.eq('debrief.txt', vim.fn.expand('%:t'), 'help file for ' .. tag)
      H.contains(vim.api.nvim_get_current_line(), '*' .. tag .. '*', 'line under the cursor')
      vim.cmd('helpclose')
    end
  end)

  if vim.deprecate then
    H.test('the plugin calls no deprecated Neovim API', function()
      H.eq({}, deprecated, 'deprecated calls')
    end)
  end
end)
