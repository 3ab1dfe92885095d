-- Run by NeovimIT: loads the README's snippet as it stands, opens a values file, waits for the
-- diagnostics Neovim's LSP client received, and writes them as JSON.
dofile(vim.env.SNIPPET)
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.VALUES_FILE))
vim.wait(30000, function() return #vim.diagnostic.get(0) >= tonumber(vim.env.EXPECTED_COUNT) end, 100)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(out, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    code = code, severity = d.severity, source = d.source, message = d.message })
end
local file = io.open(vim.env.RESULT_FILE, "w")
file:write(vim.fn.json_encode(out))
file:close()
vim.cmd("qa!")
