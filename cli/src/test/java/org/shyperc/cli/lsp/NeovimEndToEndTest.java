package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;

/**
 * A real editor: headless Neovim, configured with editors/nvim/shyperc.lua, starts `shyperc lsp`
 * (this build's classes, through Main) for a `.shy` file with an error and must receive the
 * diagnostic on the right line. Neovim must be installed (Debian `neovim`); without it the
 * test fails rather than skips.
 */
class NeovimEndToEndTest {

    @Test
    void neovimShowsTheUnknownDeviceOnItsLine(@TempDir Path dir) throws Exception {
        Path file = LspFixture.demo(dir);
        Files.writeString(file, Files.readString(file).replace("passthrough rtc", "passthrough rtcc"));
        int expectedLine = LspFixture.find(file, "passthrough rtcc").getLine() + 1;
        Path result = dir.resolve("diagnostics.txt");

        String java = ProcessHandle.current().info().command().orElse("java");
        Path init = Files.writeString(dir.resolve("init.lua"), """
                dofile(%s).setup({ cmd = { %s, "-cp", %s, "org.shyperc.cli.Main", "lsp" } })
                """.formatted(lua(CliRun.root().resolve("editors/nvim/shyperc.lua").toString()), lua(java),
                lua(System.getProperty("java.class.path"))));
        Path check = Files.writeString(dir.resolve("check.lua"), """
                local got = vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 100)
                local lines = {}
                for _, d in ipairs(vim.diagnostic.get(0)) do
                  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
                  table.insert(lines, string.format("%%d:%%d:%%s:%%s", d.lnum + 1, d.col + 1, code, d.message:gsub("\\n", " ")))
                end
                if not got then lines = { "timeout: filetype=" .. vim.bo.filetype .. " clients=" .. #vim.lsp.get_active_clients() } end
                vim.fn.writefile(lines, %s)
                vim.cmd("qa!")
                """.formatted(lua(result.toString())));

        Process nvim = new ProcessBuilder("nvim", "--headless", "-n", "-i", "NONE", "-u", init.toString(),
                "-c", "luafile " + check, file.toString())
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nvim.log").toFile()).start();
        boolean done = nvim.waitFor(120, TimeUnit.SECONDS);
        if (!done) nvim.destroyForcibly();
        assertTrue(done, "nvim did not finish: " + log(dir));
        assertTrue(Files.exists(result), "nvim wrote no result: " + log(dir));
        List<String> diagnostics = Files.readAllLines(result);
        String unknown = diagnostics.stream().filter(l -> l.contains("SHY0203")).findFirst()
                .orElseThrow(() -> new AssertionError("no SHY0203 among " + diagnostics + "\n" + log(dir)));
        assertEquals(expectedLine + ":21:SHY0203", unknown.substring(0, unknown.indexOf(":SHY0203") + 8));
        assertTrue(unknown.contains("rtcc"), unknown);
    }

    /** A Lua string literal. */
    private static String lua(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("nvim.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
