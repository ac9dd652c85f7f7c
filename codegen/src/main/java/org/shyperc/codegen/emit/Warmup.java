package org.shyperc.codegen.emit;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.shyperc.codegen.devicetree.DtNode;
import org.shyperc.codegen.devicetree.DtNode.DtProperty;
import org.shyperc.codegen.devicetree.DtValue;
import org.shyperc.codegen.dts.DtsWriter;
import org.shyperc.codegen.dts.Templates;
import org.shyperc.codegen.fdt.Fdt;
import org.shyperc.codegen.fdt.FdtWriter;
import org.shyperc.codegen.manifest.Manifest;
import org.shyperc.codegen.output.Json;

/**
 * On a cold JVM the emitters' cost is mostly first use: starting Velocity and parsing its
 * templates, Velocity's reflection over the classes a template calls, the security providers
 * behind SHA-256 and the interpreted hash loop. None of that depends on the input, so a CLI
 * starts this on a daemon thread before it parses its command line and the other core pays
 * for it. Output is thrown away; calling it is optional.
 */
public final class Warmup {

    private Warmup() { }

    public static void startInBackground() {
        // a class, not a lambda: the first lambda of a run links the JDK's invoke machinery,
        // which should happen on the warm-up thread, not on the caller's
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                Warmup.run();
            }
        }, "shyperc-codegen-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** In the order a build needs them: the device trees come first. Never fails: it only saves time. */
    static void run() {
        try {
            rehearse();
        } catch (RuntimeException | LinkageError e) {
            // the build itself meets the same problem and reports it properly
        }
    }

    static void rehearse() {
        DtNode tree = sampleTree();
        DtsWriter.write(tree, "warm-up");
        FdtWriter.write(Fdt.of(tree.toFdt()));
        Templates.preload();
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("warm", 1);
        json.putArray("list").addObject().put("path", "x").put("size", 1L);
        Json.write(json);
        Manifest.sha256(new byte[16 * 1024]); // 256 blocks: the JIT compiles the compression function
    }

    /** A node of every value kind the guest trees use, with a labelled child and a reference to it. */
    private static DtNode sampleTree() {
        DtNode child = new DtNode("intc", "intc@8000000", List.of(
                new DtProperty("compatible", new DtValue.Strings(List.of("arm,cortex-a15-gic"))),
                new DtProperty("interrupt-controller", new DtValue.Empty()),
                new DtProperty("reg", new DtValue.Cells(List.of(DtValue.Cell.of(0), DtValue.Cell.of(0x800_0000)))),
                new DtProperty("bytes", new DtValue.Bytes(new byte[] {1, 2}))), List.of());
        return new DtNode(null, "", List.of(
                new DtProperty("model", new DtValue.Strings(List.of("warm-up"))),
                new DtProperty("interrupt-parent", new DtValue.Cells(List.of(new DtValue.Cell(1, "intc"))))),
                List.of(child));
    }
}
