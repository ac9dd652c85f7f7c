package org.shyperc.codegen.dts;

import java.util.Map;

import org.shyperc.codegen.devicetree.DtNode;

/** Writes a typed device tree as DTS source that dtc compiles to the same DTB we write. */
public final class DtsWriter {

    private DtsWriter() { }

    /** @param header one line said in a comment at the top (what generated the file, from what) */
    public static String write(DtNode root, String header) {
        return Templates.render("dts/device-tree.dts.vm", Map.of("root", root, "header", header,
                "syntax", new DtsSyntax()));
    }
}
