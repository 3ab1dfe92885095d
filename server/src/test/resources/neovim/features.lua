-- Run by NeovimIT: the README's snippet, then completion, hover and rename through Neovim's LSP
-- client; the results are written as JSON.
dofile(vim.env.SNIPPET)
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.VALUES_FILE))

local function request(method, line, character, extra)
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = line, character = character } }
  for k, v in pairs(extra or {}) do params[k] = v end
  local responses = vim.lsp.buf_request_sync(0, method, params, 20000) or {}
  for _, response in pairs(responses) do
    if response.result then return response.result end
  end
end

local function labels(result)
  local out = {}
  for _, item in ipairs((result and (result.items or result)) or {}) do table.insert(out, item.label) end
  return out
end

local results = {}
vim.wait(30000, function()
  results.completion_master = labels(request("textDocument/completion", 1, 2))
  return #results.completion_master > 0
end, 200)
results.completion_workers = labels(request("textDocument/completion", 6, 19))
local hover = request("textDocument/hover", 0, 2)
results.hover = hover and hover.contents.value or ""
local edit = request("textDocument/rename", 3, 3, { newName = "huge" })
vim.lsp.util.apply_workspace_edit(edit, "utf-16")
results.after_rename = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")

local file = io.open(vim.env.RESULT_FILE, "w")
file:write(vim.fn.json_encode(results))
file:close()
vim.cmd("qa!")
