package org.shyperc.codegen.dts;

import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;

import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * One Velocity engine for every text template of codegen (classpath resources under
 * org/shyperc/codegen/). Strict references: a misspelt variable fails the build, it does
 * not print "$foo".
 */
public final class Templates {

    private static final VelocityEngine ENGINE = engine();

    private Templates() { }

    private static VelocityEngine engine() {
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "class");
        p.setProperty("resource.loader.class.class", ClasspathResourceLoader.class.getName());
        // Templates live in the jar and never change while we run: parse each once. (Velocity's
        // default re-parses on every getTemplate, i.e. once per VM for the device trees.)
        p.setProperty("resource.loader.class.cache", "true");
        p.setProperty("resource.loader.class.modification_check_interval", "-1");
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        p.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        p.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
        // Start-up cost on a cold JVM: Velocity's defaults make 20 parsers up front and a
        // converter table built from dozens of lambdas; templates here are parsed on one
        // thread and call methods with exactly typed arguments, so neither is needed.
        p.setProperty(RuntimeConstants.PARSER_POOL_SIZE, "1");
        p.setProperty(RuntimeConstants.CONVERSION_HANDLER_CLASS, "none");
        VelocityEngine e = new VelocityEngine(p);
        e.init();
        return e;
    }

    /** Every template, so {@link #preload} can parse them ahead of use. */
    static final java.util.List<String> ALL = java.util.List.of("dts/device-tree.dts.vm", "rustshyper/mvm_def.rs.vm",
            "uboot/boot.cmd.vm", "report/report.html.vm");

    /** Starts the engine and parses every template (cached by Velocity): the cold-start cost, paid once. */
    public static void preload() {
        ALL.forEach(t -> ENGINE.getTemplate("org/shyperc/codegen/" + t, "UTF-8"));
    }

    /** Renders {@code org/shyperc/codegen/<name>} with the given variables. */
    public static String render(String name, Map<String, Object> vars) {
        Template t = ENGINE.getTemplate("org/shyperc/codegen/" + name, "UTF-8");
        VelocityContext ctx = new VelocityContext();
        vars.forEach(ctx::put);
        StringWriter w = new StringWriter();
        t.merge(ctx, w);
        return w.toString();
    }
}
