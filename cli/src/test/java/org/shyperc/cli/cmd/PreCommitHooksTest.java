package org.shyperc.cli.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;

/**
 * The repository's .pre-commit-hooks.yaml under Debian's real `pre-commit`: a scratch hook
 * repository holds that file verbatim and, as its `shyperc` launcher, a script that runs this
 * build's classes; a scratch project installs both hooks from it (a local path: no network)
 * and tries to commit.
 */
class PreCommitHooksTest {
    @TempDir
    Path dir;

    private record Run(int status, String output) { }

    private Run run(Path cwd, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PRE_COMMIT_HOME", dir.resolve("pre-commit-cache").toString());
        env.put("HOME", dir.toString());
        env.put("GIT_AUTHOR_NAME", "t");
        env.put("GIT_AUTHOR_EMAIL", "t@example.invalid");
        env.put("GIT_COMMITTER_NAME", "t");
        env.put("GIT_COMMITTER_EMAIL", "t@example.invalid");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        return new Run(p.exitValue(), out);
    }

    private Path hookRepository() throws Exception {
        Path hooks = Files.createDirectories(dir.resolve("hooks"));
        Files.copy(CliRun.root().resolve(".pre-commit-hooks.yaml"), hooks.resolve(".pre-commit-hooks.yaml"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path launcher = Files.writeString(hooks.resolve("shyperc"), "#!/bin/sh\nexec '" + java + "' -cp '"
                + System.getProperty("java.class.path") + "' org.shyperc.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(0, run(hooks, "git", "init", "-q").status());
        assertEquals(0, run(hooks, "git", "add", ".").status());
        assertEquals(0, run(hooks, "git", "commit", "-q", "-m", "hooks").status());
        return hooks;
    }

    @Test
    void aBrokenSystemIsRefusedWithItsDiagnosticAndAGoodOnePasses() throws Exception {
        Path hooks = hookRepository();
        String rev = run(hooks, "git", "rev-parse", "HEAD").output().trim();
        Path boards = Files.createDirectories(dir.resolve("boards"));
        Files.copy(CliRun.root().resolve("boards/qemu-virt.shy"), boards.resolve("qemu-virt.shy"));
        Path project = Files.createDirectories(dir.resolve("project"));
        assertEquals(0, run(project, "git", "init", "-q").status());
        Files.writeString(project.resolve(".pre-commit-config.yaml"), """
                repos:
                  - repo: %s
                    rev: %s
                    hooks:
                      - id: shyperc-check
                      - id: shyperc-fmt
                """.formatted(hooks, rev));
        Run install = run(project, "pre-commit", "install");
        assertEquals(0, install.status(), install.output());

        String good = new String(getClass().getResourceAsStream("/lsp/demo.shy").readAllBytes(), StandardCharsets.UTF_8)
                .replace("import \"qemu-virt.shy\"", "import \"../boards/qemu-virt.shy\"");
        Path system = project.resolve("system.shy");
        Files.writeString(system, good.replace("passthrough rtc", "passthrough rtcc"));
        run(project, "git", "add", "system.shy", ".pre-commit-config.yaml");
        Run refused = run(project, "git", "commit", "-m", "broken");
        assertNotEquals(0, refused.status(), refused.output());
        assertTrue(refused.output().contains("error[SHY0203]"), refused.output());
        assertTrue(refused.output().contains("passthrough rtcc"), refused.output()); // the source line, with carets
        assertNotEquals(0, run(project, "git", "rev-parse", "-q", "--verify", "HEAD").status(), "the commit was made");

        // a limit of the runtime, not of the language: the hook runs the same checks as `build`
        String name = "rt-abcdefghij-abcdefghij-abcdefg"; // 32 bytes, the runtime holds 31
        Files.writeString(system, good.replace("vm rt :", "vm " + name + " :").replace("rt @ 0x1000_0000", name + " @ 0x1000_0000"));
        run(project, "git", "add", "system.shy");
        Run tooLong = run(project, "git", "commit", "-m", "long name");
        assertNotEquals(0, tooLong.status(), tooLong.output());
        assertTrue(tooLong.output().contains("error[SHY1103]"), tooLong.output());
        assertNotEquals(0, run(project, "git", "rev-parse", "-q", "--verify", "HEAD").status(), "the commit was made");

        Files.writeString(system, good.replace("    vm rt : baremetal {", "vm   rt:baremetal{"));
        run(project, "git", "add", "system.shy");
        Run unformatted = run(project, "git", "commit", "-m", "unformatted");
        assertNotEquals(0, unformatted.status(), unformatted.output());
        assertTrue(unformatted.output().contains("files were modified by this hook"), unformatted.output());
        assertEquals(good, Files.readString(system), "shyperc-fmt did not rewrite the file");

        run(project, "git", "add", "system.shy");
        Run passed = run(project, "git", "commit", "-m", "good");
        assertEquals(0, passed.status(), passed.output());
        assertTrue(passed.output().contains("shyperc check") && passed.output().contains("Passed"), passed.output());
        assertEquals(List.of("good"), run(project, "git", "log", "--format=%s").output().lines().toList());
    }
}
