-- Run by NeovimIT: the README's snippet, then a quick fix, the render command and the legacy
-- migration through Neovim's LSP client; the results are written as JSON.
local published = {}
local default_handler = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  published[result.uri] = result.diagnostics
  return default_handler(err, result, ctx, config)
end

dofile(vim.env.SNIPPET)

local function request(method, params)
  local responses = vim.lsp.buf_request_sync(0, method, params, 60000) or {}
  for _, response in pairs(responses) do
    if response.result then return response.result end
    if response.err then return { error = response.err.message } end
  end
end

local function fix(title_prefix)
  local uri = vim.uri_from_bufnr(0)
  vim.wait(30000, function() return published[uri] ~= nil and #published[uri] > 0 end, 100)
  local diagnostics = published[uri] or {}
  local actions = request("textDocument/codeAction", {
    textDocument = { uri = uri },
    range = diagnostics[1] and diagnostics[1].range or { start = { line = 0, character = 0 }, ["end"] = { line = 0, character = 0 } },
    context = { diagnostics = diagnostics },
  }) or {}
  for _, action in ipairs(actions) do
    if action.title:sub(1, #title_prefix) == title_prefix then
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
      return table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
    end
  end
  return "no action " .. title_prefix
end

local results = {}
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.VALUES_FILE))
results.fixed = fix("Replace `replcas` with `replicas`")
local rendered = request("workspace/executeCommand", { command = "buildbot.renderChart", arguments = { vim.uri_from_bufnr(0) } })
results.rendered = rendered and (rendered.manifests or rendered.error) or ""
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.LEGACY_FILE))
results.migrated = fix("Migrate to the multi-master layout")

local file = io.open(vim.env.RESULT_FILE, "w")
file:write(vim.fn.json_encode(results))
file:close()
vim.cmd("qa!")
