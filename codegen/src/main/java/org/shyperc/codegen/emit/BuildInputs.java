package org.shyperc.codegen.emit;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a build reads besides the Plan: the tool version (recorded in the manifest) and
 * every input file by the path the user wrote (the .shy sources, kernels, initrds).
 * Emitters need file contents for sizes (initrd end) and the manifest's SHA-256 sums.
 */
public record BuildInputs(String toolVersion, SortedMap<String, byte[]> files) {

    public BuildInputs {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    public static BuildInputs of(String toolVersion) {
        return new BuildInputs(toolVersion, new TreeMap<>());
    }

    public BuildInputs with(String path, byte[] content) {
        TreeMap<String, byte[]> m = new TreeMap<>(files);
        m.put(path, content.clone());
        return new BuildInputs(toolVersion, m);
    }

    /** Size of an input file; the build cannot describe a payload it has not read. */
    public long size(String path) {
        byte[] b = files.get(path);
        if (b == null) {
            throw new IllegalArgumentException("input file not provided to the emitters: " + path);
        }
        return b.length;
    }
}
