package org.shyperc.dsl.parse;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * A CharStream over a String indexed in UTF-16 units, like {@link org.shyperc.dsl.source.SourceFile}
 * (ANTLR's own streams count code points, which shifts every span after a character outside the
 * BMP). Tokens made by {@link Scanner} read their text from here lazily.
 */
final class Utf16CharStream implements CharStream {
    private final String text;
    private final String name;
    private int index;

    Utf16CharStream(String text, String name) {
        this.text = text;
        this.name = name;
    }

    @Override
    public String getText(Interval interval) {
        int start = Math.max(0, interval.a);
        int stop = Math.min(text.length() - 1, interval.b);
        return start > stop ? "" : text.substring(start, stop + 1);
    }

    @Override
    public void consume() {
        if (index >= text.length()) throw new IllegalStateException("cannot consume EOF");
        index++;
    }

    @Override
    public int LA(int i) {
        int at = i > 0 ? index + i - 1 : index + i;
        return i == 0 || at < 0 || at >= text.length() ? IntStream.EOF : text.charAt(at);
    }

    @Override
    public int mark() { return -1; }

    @Override
    public void release(int marker) { }

    @Override
    public int index() { return index; }

    @Override
    public void seek(int i) { index = Math.max(0, Math.min(i, text.length())); }

    @Override
    public int size() { return text.length(); }

    @Override
    public String getSourceName() { return name; }
}
