--- `:checkhealth debrief`: the binary, its version and the state of the server.
--- Neovim 0.7 reports through `health#report_*`, 0.8 through `vim.health.report_*`,
--- 0.9+ through `vim.health.start/ok/…`.

local M = {}

local function reporter()
  local h = vim.health or {}
  local function pick(new, old)
    return h[new] or h['report_' .. new] or vim.fn['health#report_' .. old]
  end
  return {
    start = pick('start', 'start'),
    ok = pick('ok', 'ok'),
    warn = pick('warn', 'warn'),
    error = pick('error', 'error'),
    info = pick('info', 'info'),
  }
end

local function describe_root(client)
  local root = client.config and client.config.root_dir
  return root and ('project %s'):format(root) or 'no project folder (single files)'
end

local function attached_buffers(client)
  local buffers = {}
  if client.attached_buffers then
    for bufnr in pairs(client.attached_buffers) do
      table.insert(buffers, bufnr)
    end
  else
    buffers = vim.lsp.get_buffers_by_client_id(client.id)
  end
  table.sort(buffers)
  local names = {}
  for _, bufnr in ipairs(buffers) do
    local name = vim.api.nvim_buf_get_name(bufnr)
    table.insert(names, ('%d %s'):format(bufnr, name ~= '' and vim.fn.fnamemodify(name, ':~:.') or '[No Name]'))
  end
  return names
end

function M.check()
  local report = reporter()
  local debrief = require('debrief')
  local options, source = debrief.options()

  report.start('debrief: Neovim')
  local v = vim.version()
  local version = ('%d.%d.%d'):format(v.major, v.minor, v.patch)
  if vim.lsp.start then
    report.ok(('Neovim %s: the server starts through vim.lsp.start'):format(version))
  else
    report.ok(('Neovim %s: the server starts through vim.lsp.start_client'):format(version))
  end
  report.info(('options from %s: cmd = %s, filetypes = %s, root markers = %s'):format(
    source,
    table.concat(options.cmd, ' '),
    table.concat(options.filetypes, ', '),
    vim.inspect(options.root_markers)
  ))

  report.start('debrief: binary')
  local binary = options.cmd[1]
  local path = vim.fn.exepath(binary)
  if path == '' then
    report.error(('%q is not executable or not on PATH'):format(binary), {
      'Build it: cargo build --release -p debrief-ls (then target/release/debrief-ls)',
      "Or point the plugin at it: require('debrief').setup({ cmd = { '/path/to/debrief-ls' } })",
      "(with vim.lsp.enable: vim.lsp.config('debrief', { cmd = { '/path/to/debrief-ls' } }))",
    })
  else
    report.ok(('found %s'):format(path))
    local output = vim.fn.system({ path, '--version' })
    if vim.v.shell_error == 0 then
      report.ok(('version: %s'):format(vim.trim(output)))
    else
      report.error(('%s --version failed (exit code %d): %s'):format(path, vim.v.shell_error, vim.trim(output)))
    end
  end

  report.start('debrief: server')
  local clients = debrief.clients()
  if #clients == 0 then
    report.info('not running: it starts when a Markdown buffer with a file opens')
  end
  for _, client in ipairs(clients) do
    local info = debrief.server_info(client)
    local server = info and (info.name .. ' ' .. (info.version or '')) or 'server'
    local running = client.initialized and 'running' or 'starting'
    report.ok(('client %d: %s %s for %s'):format(client.id, vim.trim(server), running, describe_root(client)))
    local buffers = attached_buffers(client)
    report.info(('attached buffers: %s'):format(#buffers > 0 and table.concat(buffers, ', ') or 'none'))
  end
end

return M
