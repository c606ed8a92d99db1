-- `:DebriefCheck` also for those who use `vim.lsp.enable('debrief')` and never call setup().
require('debrief').create_commands()
