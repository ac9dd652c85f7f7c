-- shyperc for Neovim: `.shy` files get the `shy` filetype and the `shyperc lsp` language server.
--   require("shyperc").setup()                                   -- `shyperc` on PATH
--   require("shyperc").setup({ cmd = { "java", "-jar", "/path/shyperc.jar", "lsp" } })
-- Copy this file to ~/.config/nvim/lua/shyperc.lua, or dofile() it. Works on Neovim 0.7 and later.
local M = {}

local function root_dir(bufname)
  local dir = vim.fn.fnamemodify(bufname, ":p:h")
  local git = vim.fn.finddir(".git", dir .. ";")
  if git ~= "" then return vim.fn.fnamemodify(git, ":p:h:h") end
  return dir
end

function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { "shyperc", "lsp" }
  local group = vim.api.nvim_create_augroup("shyperc", { clear = true })
  vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
    group = group, pattern = "*.shy",
    callback = function() vim.bo.filetype = "shy" end,
  })
  vim.api.nvim_create_autocmd("FileType", {
    group = group, pattern = "shy",
    callback = function(args)
      vim.bo[args.buf].commentstring = "// %s"
      local config = { name = "shyperc", cmd = cmd, root_dir = root_dir(vim.api.nvim_buf_get_name(args.buf)) }
      if vim.lsp.start then
        vim.lsp.start(config, { bufnr = args.buf })     -- Neovim 0.8+
      else
        M.client_id = M.client_id or vim.lsp.start_client(config)
        vim.lsp.buf_attach_client(args.buf, M.client_id)
      end
    end,
  })
end

return M
