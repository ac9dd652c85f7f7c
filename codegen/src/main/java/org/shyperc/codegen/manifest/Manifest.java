package org.shyperc.codegen.manifest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SortedMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.shyperc.codegen.emit.BuildInputs;
import org.shyperc.codegen.output.Json;
import org.shyperc.codegen.output.OutputTree;

/**
 * manifest.json: the tool version, then every input and every output with its size and
 * SHA-256, sorted by path. Built last, once the tree is complete (the linked image
 * included); it lists every file of the tree but itself.
 */
public final class Manifest {

    public static final String PATH = "manifest.json";

    private Manifest() { }

    /** Adds manifest.json to a finished tree. */
    public static void addTo(OutputTree tree, BuildInputs inputs) {
        addTo(tree, inputs, new Sums());
    }

    /**
     * The same, reusing sums already taken: a build hashes the inputs and the image while
     * another thread is still making the reports, and only the rest here.
     */
    public static void addTo(OutputTree tree, BuildInputs inputs, Sums sums) {
        tree.putText(PATH, json(tree, inputs, sums));
    }

    public static String json(OutputTree tree, BuildInputs inputs) {
        return json(tree, inputs, new Sums());
    }

    private static String json(OutputTree tree, BuildInputs inputs, Sums sums) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode tool = root.putObject("tool");
        tool.put("name", "shyperc");
        tool.put("version", inputs.toolVersion());
        list(root.putArray("inputs"), inputs.files(), sums);
        list(root.putArray("outputs"), tree.files(), sums);
        return Json.write(root);
    }

    private static void list(ArrayNode out, SortedMap<String, byte[]> files, Sums sums) {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (e.getKey().equals(PATH)) {
                continue;
            }
            out.addObject().put("path", e.getKey()).put("size", e.getValue().length).put("sha256", sums.of(e.getValue()));
        }
    }

    /**
     * SHA-256 sums by content array (the arrays of {@link OutputTree#files()} and
     * {@link BuildInputs#files()}, which are never modified), so each file is hashed once
     * whenever it is ready. One thread at a time.
     */
    public static final class Sums {
        private final Map<byte[], String> byArray = new IdentityHashMap<>();

        /** Hashes every file of {@code files} not hashed yet. */
        public Sums take(SortedMap<String, byte[]> files) {
            files.forEach((path, bytes) -> {
                if (!path.equals(PATH)) of(bytes);
            });
            return this;
        }

        String of(byte[] bytes) {
            return byArray.computeIfAbsent(bytes, Manifest::sha256);
        }
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
