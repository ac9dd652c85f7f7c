package org.shyperc.tests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CLI case file:
 * <pre>
 * # what this case shows
 * exec: check bad.shy --format line
 * exit: 1
 * stdout:
 * ...expected output...
 * -- bad.shy --
 * ...input file...
 * </pre>
 */
record Script(String header, List<String> args, int exit, String stdout, Map<String, String> files, String filesText) {

    static Script parse(String text) {
        int filesAt = text.indexOf("\n-- ");
        String head = filesAt < 0 ? text : text.substring(0, filesAt + 1);
        String rest = filesAt < 0 ? "" : text.substring(filesAt + 1);
        List<String> args = List.of();
        int exit = 0;
        StringBuilder header = new StringBuilder();
        String stdout = "";
        String[] lines = head.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("exec: ")) {
                args = Arrays.asList(l.substring(6).trim().split("\\s+"));
            } else if (l.startsWith("exit: ")) {
                exit = Integer.parseInt(l.substring(6).trim());
            } else if (l.equals("stdout:")) {
                stdout = String.join("\n", Arrays.copyOfRange(lines, i + 1, lines.length));
                break;
            } else if (!l.isEmpty() || header.length() > 0) {
                header.append(l).append('\n');
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
        return new Script(header.toString(), new ArrayList<>(args), exit, stdout, files, rest);
    }

    String withResult(int newExit, String newStdout) {
        return header + "exec: " + String.join(" ", args) + "\nexit: " + newExit + "\nstdout:\n" + newStdout
                + (newStdout.endsWith("\n") ? "" : "\n") + filesText;
    }
}
