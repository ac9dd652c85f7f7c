package org.shyperc.codegen.output;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files one build produces: relative path to bytes, kept sorted by path so every
 * consumer (manifest, writer, tests) sees the same order. Emitters write here; the CLI
 * writes the tree to a temporary directory and renames it into place.
 */
public final class OutputTree {

    private final TreeMap<String, byte[]> files = new TreeMap<>();

    /** Adds a file; a path may be written once only, so two emitters cannot silently clash. */
    public OutputTree put(String path, byte[] content) {
        checkPath(path);
        if (files.containsKey(path)) {
            throw new IllegalArgumentException("output written twice: " + path);
        }
        files.put(path, content.clone());
        return this;
    }

    public OutputTree putText(String path, String text) {
        return put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds every file of another tree (e.g. the linked image) under its own paths. */
    public OutputTree putAll(OutputTree other) {
        other.files.forEach(this::put);
        return this;
    }

    public boolean contains(String path) {
        return files.containsKey(path);
    }

    public byte[] get(String path) {
        byte[] b = files.get(path);
        return b == null ? null : b.clone();
    }

    public String text(String path) {
        byte[] b = files.get(path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Read-only, path-sorted view. */
    public SortedMap<String, byte[]> files() {
        return Collections.unmodifiableSortedMap(files);
    }

    public int size() {
        return files.size();
    }

    /** Paths are relative, '/'-separated, with no empty, '.' or '..' segment: no write can escape the output folder. */
    static void checkPath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException("bad output path: " + path);
        }
        for (String seg : path.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                throw new IllegalArgumentException("bad output path: " + path);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OutputTree other) || other.files.size() != files.size()) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.files.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            h = 31 * h + e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
        }
        return h;
    }
}
