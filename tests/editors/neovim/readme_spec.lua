-- The README's Neovim snippets, run as they are: run.sh extracts each snippet marked
-- `<!-- tested: … -->` into an init.lua and starts Neovim with `-u` that file, HOME pointing
-- at a folder where ~/src/debrief-ls is this checkout and PATH holding debrief-ls. This
-- script then checks the snippet did its job: the server attaches with the snippet's
-- settings (term-post-mortem is off unless they arrive), and the plugin's commands exist
-- when the snippet loads the plugin. It also compiles every Lua block of the section.

local repo = os.getenv('DEBRIEF_REPO')
local H = dofile(repo .. '/tests/editors/neovim/lib.lua')
local snippet = os.getenv('DEBRIEF_SNIPPET') or '?'

H.run(('neovim %s README snippet %s'):format(H.version, snippet), function()
  local work = H.env('DEBRIEF_WORK')
  local uses_plugin = H.env('DEBRIEF_SNIPPET_PLUGIN') == '1'

  H.test('every Lua block of the README Neovim section compiles', function()
    local readme = table.concat(vim.fn.readfile(repo .. '/README.md'), '\n')
    local section = H.truthy(readme:match('\n### Neovim\n(.-)\n### '), 'a ### Neovim section')
    local count = 0
    for block in section:gmatch('```lua\n(.-)\n```') do
      count = count + 1
      -- A lazy.nvim spec is an expression; everything else is a chunk.
      local chunk, err = loadstring(block, 'README block ' .. count)
      if not chunk then
        chunk = loadstring('return ' .. block, 'README block ' .. count)
      end
      H.truthy(chunk, ('README Neovim block %d compiles (%s):\n%s'):format(count, tostring(err), block))
    end
    H.truthy(count >= 5, 'at least five Lua blocks (lazy, packer, runtimepath, enable, plain), found ' .. count)
  end)

  H.test('the snippet attaches debrief-ls to a debrief with its settings', function()
    local project = work .. '/wiki'
    local file = project .. '/postmortems/db-failover.md'
    H.write(project .. '/.git/HEAD', { 'ref: refs/heads/main' })
    H.copy(repo .. '/tests/editors/neovim/fixtures/db-failover.md', file)
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    local buf = vim.api.nvim_get_current_buf()
    H.eq('markdown', vim.bo[buf].filetype, 'filetype (detected by the init, not set by the test)')
    local codes = H.wait(15000, function()
      local codes = {}
      for _, d in ipairs(vim.diagnostic.get(buf)) do
        codes[d.code] = true
      end
      return codes['term-post-mortem'] and codes
    end, 'term-post-mortem (on only through the snippet settings)')
    -- The fixture has a 75-minute gap: flagged by default, not with gap-minutes = 90.
    local snippet_text = table.concat(vim.fn.readfile(H.env('DEBRIEF_SNIPPET_FILE')), '\n')
    local raises_gap = snippet_text:find("['gap-minutes'] = 90", 1, true) ~= nil
    H.eq(not raises_gap, codes['timeline-gap'] == true, 'timeline-gap flagged (gap-minutes = 90 in the snippet: ' .. tostring(raises_gap) .. ')')
    H.truthy(codes['timeline-missing-milestone'] == nil and codes['timeline-no-timezone'] == nil, 'the fixture timeline is otherwise clean')
    local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)
    local names = {}
    for _, client in pairs(clients) do
      table.insert(names, client.name)
      H.eq(project, client.config.root_dir, 'root_dir')
    end
    H.eq({ 'debrief' }, names, 'clients attached')
  end)

  H.test(uses_plugin and ':DebriefCheck exists' or 'the plain snippet needs no plugin', function()
    H.eq(uses_plugin and 2 or 0, vim.fn.exists(':DebriefCheck'), ':DebriefCheck')
    H.eq(uses_plugin, package.loaded['debrief'] ~= nil, 'debrief module loaded')
  end)
end)
