package org.shyperc.tests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CLI case file:
 * <pre>
 * # what this case shows
 * fifo: pipe.shy                 (optional set-up lines, before exec:)
 * env: SHYPERC_BOARD_PATH=$DIR/boards
 * exec: init --board rpi4
 * exec: check bad.shy --format line
 * exit: 1
 * stdout:
 * ...expected output...
 * -- bad.shy --
 * ...input file...
 * -- &lt;stdin&gt; --
 * ...what the command reads on standard input...
 * </pre>
 * Words of an `exec:` line are split at white space; {@code ''} is an empty argument.
 * Several `exec:` lines run in order in the same folder: their output is expected one after
 * the other, every command but the last must succeed, and `exit:` is the last one's status.
 * `env:` lines set environment variables for all of them. Set-up lines make what inline text cannot: {@code fifo: NAME} a named pipe,
 * {@code symlink: NAME -> TARGET} a symbolic link, {@code mode: NAME 0664} permissions,
 * {@code sparse: NAME BYTES} a file of that size that takes no disk, {@code ulimit-f: BLOCKS}
 * a limit on the size of files the command may write (a full disk, as far as it can tell),
 * {@code stdout-to: PATH} standard output sent to a file (the expected output is then
 * standard error alone).
 */
record Script(String header, List<List<String>> commands, Map<String, String> env, int exit, String stdout,
        Map<String, String> files, String filesText, List<Setup> setup) {

    /** One set-up line: {@code kind: value}. */
    record Setup(String kind, String value) { }

    static final String STDIN = "<stdin>";
    private static final Pattern SETUP = Pattern.compile("(fifo|symlink|mode|sparse|ulimit-f|stdout-to): (.+)");

    static Script parse(String text) {
        int filesAt = text.indexOf("\n-- ");
        String head = filesAt < 0 ? text : text.substring(0, filesAt + 1);
        String rest = filesAt < 0 ? "" : text.substring(filesAt + 1);
        List<List<String>> commands = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        int exit = 0;
        StringBuilder header = new StringBuilder();
        List<Setup> setup = new ArrayList<>();
        String stdout = "";
        String[] lines = head.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            Matcher m = SETUP.matcher(l);
            if (l.startsWith("exec: ")) {
                List<String> words = new ArrayList<>();
                for (String w : l.substring(6).trim().split("\\s+")) words.add(w.equals("''") ? "" : w);
                commands.add(words);
            } else if (l.startsWith("env: ")) {
                String kv = l.substring(5).trim();
                env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            } else if (l.startsWith("exit: ")) {
                exit = Integer.parseInt(l.substring(6).trim());
            } else if (l.equals("stdout:")) {
                stdout = String.join("\n", Arrays.copyOfRange(lines, i + 1, lines.length));
                break;
            } else {
                if (m.matches()) setup.add(new Setup(m.group(1), m.group(2).trim()));
                if (!l.isEmpty() || header.length() > 0) header.append(l).append('\n');
            }
        }
        Map<String, String> files = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String l : rest.split("\n", -1)) {
            if (l.startsWith("-- ") && l.endsWith(" --") && l.length() > 6) {
                if (name != null) files.put(name, body.toString());
                name = l.substring(3, l.length() - 3).trim();
                body.setLength(0);
            } else if (name != null) {
                body.append(l).append('\n');
            }
        }
        if (name != null) files.put(name, body.toString().replaceAll("\n$", ""));
        return new Script(header.toString(), commands, env, exit, stdout, files, rest, List.copyOf(setup));
    }

    /** The set-up values of one kind, in file order. */
    List<String> setup(String kind) {
        return setup.stream().filter(s -> s.kind().equals(kind)).map(Setup::value).toList();
    }

    String withResult(int newExit, String newStdout) {
        StringBuilder s = new StringBuilder(header);
        env.forEach((k, v) -> s.append("env: ").append(k).append('=').append(v).append('\n'));
        for (List<String> c : commands) {
            List<String> words = new ArrayList<>();
            for (String w : c) words.add(w.isEmpty() ? "''" : w);
            s.append("exec: ").append(String.join(" ", words)).append('\n');
        }
        return s + "exit: " + newExit + "\nstdout:\n" + newStdout + (newStdout.endsWith("\n") ? "" : "\n") + filesText;
    }
}
