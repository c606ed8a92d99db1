-- The README's lazy.nvim spec, from a clone of this repository. lazy.nvim itself is only on
-- GitHub, which CI cannot reach, so this does for the spec what lazy.nvim does for a plugin
-- that is not lazy-loaded (lazy.nvim's README, "Plugin Spec"; its loader): clone the
-- repository into stdpath('data')/lazy/NAME, put that folder on the runtime path, source
-- its plugin/ scripts, and call `config(plugin, opts)` with `plugin.dir` the clone. The
-- rest is the spec's own code running in real Neovim against the real server: the plugin
-- comes from the clone, `:DebriefCheck` and `:help` work, and findings arrive.

local repo = os.getenv('DEBRIEF_REPO')
local H = dofile(repo .. '/tests/editors/neovim/lib.lua')

H.run(('neovim %s lazy.nvim spec'):format(H.version), function()
  local work = H.env('DEBRIEF_WORK')
  local readme = table.concat(vim.fn.readfile(repo .. '/README.md'), '\n')
  local section = H.truthy(readme:match('\n### Neovim\n(.-)\n### '), 'a ### Neovim section')
  local block = H.truthy(section:match('lazy%.nvim.-```lua\n(.-)\n```'), 'the lazy.nvim block')
  local spec = assert(loadstring('return ' .. block:gsub('\n%-%-[^\n]*', ''), 'README lazy spec'))()
  local name = H.truthy(spec[1]:match('^[%w-]+/([%w.-]+)$'), 'a GitHub owner/name: ' .. tostring(spec[1]))
  local dir = vim.fn.stdpath('data') .. '/lazy/' .. name
  local plugin

  H.test('lazy.nvim loads the spec from a clone', function()
    H.eq(false, spec.lazy, 'lazy = false (debriefs open from anywhere)')
    vim.fn.system({ 'git', 'clone', '--quiet', repo, dir })
    H.eq(0, vim.v.shell_error, 'git clone')
    plugin = { name = name, dir = dir, url = 'https://github.com/' .. spec[1] }
    vim.opt.runtimepath:append(dir)
    for _, script in ipairs(vim.fn.glob(dir .. '/plugin/**/*.{lua,vim}', false, true)) do
      vim.cmd('source ' .. vim.fn.fnameescape(script))
    end
    spec.config(plugin, spec.opts or {})
    local module = vim.api.nvim_get_runtime_file('lua/debrief/init.lua', false)[1]
    H.eq(dir .. '/editors/neovim/lua/debrief/init.lua', module, 'the plugin comes from the clone')
    H.eq(2, vim.fn.exists(':DebriefCheck'), ':DebriefCheck is defined')
  end)

  H.test(':help finds the plugin\'s help in the clone', function()
    vim.cmd('help debrief.setup()')
    H.eq(dir .. '/editors/neovim/doc/debrief.txt', vim.fn.expand('%:p'), 'help file')
    vim.cmd('helpclose')
  end)

  H.test('the server attaches to a debrief and reports findings', function()
    local project = work .. '/wiki'
    local file = project .. '/postmortems/checkout-errors.md'
    H.write(project .. '/.git/HEAD', { 'ref: refs/heads/main' })
    H.copy(repo .. '/tests/editors/neovim/fixtures/checkout-errors.md', file)
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    local buf = vim.api.nvim_get_current_buf()
    vim.bo[buf].filetype = 'markdown'
    H.wait(15000, function()
      return #vim.diagnostic.get(buf) > 0
    end, 'findings from debrief-ls')
  end)
end)
