-- Neovim 0.11+: `vim.lsp.enable('debrief')` starts debrief-ls for Markdown buffers;
-- `vim.lsp.config('debrief', { settings = { debrief = { … } } })` changes it.
return require('debrief').lsp_config()
