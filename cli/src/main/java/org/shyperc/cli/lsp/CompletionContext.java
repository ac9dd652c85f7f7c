package org.shyperc.cli.lsp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.shyperc.dsl.source.SourceFile;

/**
 * Where the cursor is, read from the raw text (which is usually mid-edit and does not parse):
 * the enclosing blocks, the word being typed and the words before it on the line. Strings
 * and comments are skipped; nothing here judges meaning, the compiler does that.
 */
record CompletionContext(List<String> blocks, String prefix, List<String> lineWords, boolean statementStart) {
    private static final Set<String> BLOCK_KEYWORDS =
            Set.of("board", "system", "vm", "shared", "on", "gic", "plic", "hypervisor", "device", "virtio");

    /** The innermost block's keyword, or "" at the top level. */
    String block() { return blocks.isEmpty() ? "" : blocks.get(blocks.size() - 1); }

    /** The last complete word before the one being typed, or "". */
    String previous() { return lineWords.isEmpty() ? "" : lineWords.get(lineWords.size() - 1); }

    static CompletionContext at(String text, int offset) {
        Deque<String> stack = new ArrayDeque<>();
        List<String> statement = new ArrayList<>();
        int i = 0;
        while (i < offset) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < offset && text.charAt(i + 1) == '/') {
                while (i < offset && text.charAt(i) != '\n' && text.charAt(i) != '\r') i++;
            } else if (c == '/' && i + 1 < offset && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 || end + 2 > offset ? offset : end + 2;
            } else if (c == '"') {
                i++;
                while (i < offset && text.charAt(i) != '"' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                statement.add("\"\"");
            } else if (c == '{') {
                String header = "";
                for (int k = 0; k < statement.size(); k++) {
                    String w = statement.get(k);
                    if (!BLOCK_KEYWORDS.contains(w)) continue;
                    // a virtio block's settings depend on its kind: "virtio blk"
                    header = w.equals("virtio") && k + 1 < statement.size() ? w + " " + statement.get(k + 1) : w;
                }
                stack.push(header);
                statement.clear();
                i++;
            } else if (c == '}') {
                if (!stack.isEmpty()) stack.pop();
                statement.clear();
                i++;
            } else if (c == ';') {
                statement.clear();
                i++;
            } else if (isWord(c)) {
                int start = i;
                while (i < offset && isWord(text.charAt(i))) i++;
                statement.add(text.substring(start, i));
            } else {
                if (c == '@' || c == ':' || c == ',' || c == '[' || c == ']') statement.add(String.valueOf(c));
                i++;
            }
        }
        int prefixStart = offset;
        while (prefixStart > 0 && isWord(text.charAt(prefixStart - 1))) prefixStart--;
        String prefix = text.substring(prefixStart, offset);
        int lineStart = SourceFile.lineStart(text, prefixStart);
        String before = text.substring(lineStart, prefixStart);
        int cut = Math.max(before.lastIndexOf('{'), before.lastIndexOf(';'));
        if (cut >= 0) before = before.substring(cut + 1);
        List<String> words = new ArrayList<>();
        for (String w : before.trim().split("[\\s]+")) if (!w.isEmpty()) words.add(w);
        List<String> blocks = new ArrayList<>(stack);
        java.util.Collections.reverse(blocks);
        return new CompletionContext(blocks, prefix, words, words.isEmpty());
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
}
