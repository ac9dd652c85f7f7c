package org.shyperc.dsl.format;

import java.util.Random;

/**
 * Writes a random .shy file that parses (though it need not bind): every statement kind of
 * the grammar, numbers in every base with and without units, names that are keywords, and
 * between any two tokens a random gap of spaces, newlines, blank lines and comments, with
 * optional semicolons. The same draws give the same text.
 */
public final class RandomShyText {
    private static final String[] NAMES = {"uart0", "rtc", "mvm", "rt", "chan0", "dram", "v2", "dma", "console",
            "rw", "size", "a-b_c", "gpio", "to", "peer", "sectors"};
    private static final String[] GAPS = {" ", " ", " ", "  ", "\n", "\n\n", "\n\n\n", "\t", " /* c */ ",
            " // note \n", "\n    // own line\n", "\n/* block\n   two lines */\n", "/**/"};

    private final Random random;
    private final StringBuilder out = new StringBuilder();

    private RandomShyText(Random random) { this.random = random; }

    public static String generate(Random random) {
        RandomShyText g = new RandomShyText(random);
        g.file();
        return g.out.toString();
    }

    private void file() {
        if (random.nextInt(4) == 0) out.append("// leading comment\n");
        for (int i = random.nextInt(3); i > 0; i--) { tok("import"); if (random.nextBoolean()) tok("board"); str(); semi(); }
        for (int i = 1 + random.nextInt(2); i > 0; i--) {
            if (random.nextBoolean()) board(); else system();
        }
        if (random.nextInt(4) == 0) out.append("\n// trailing comment");
    }

    private void board() {
        tok("board"); name(); tok("{");
        for (int i = random.nextInt(8); i > 0; i--) boardItem();
        tok("}");
    }

    private void boardItem() {
        int kind = random.nextInt(10);
        switch (kind) {
            case 0 -> { tok("arch"); name(); }
            case 1 -> { tok("compatible"); str(); if (random.nextBoolean()) { tok(","); str(); } }
            case 2 -> { tok("model"); str(); }
            case 3 -> {
                tok("cpus"); number(); if (random.nextBoolean()) str(); if (random.nextBoolean()) { tok("mpidr"); list(); }
                if (random.nextBoolean()) { tok("enable-method"); tok(random.nextBoolean() ? "psci" : "spin-table"); if (random.nextBoolean()) list(); }
            }
            case 4 -> { tok("memory"); name(); tok("@"); number(); tok("size"); number(); }
            case 5 -> { tok("gic"); name(); block(this::setting); }
            case 6 -> { tok("plic"); tok("@"); number(); tok("size"); number(); if (random.nextBoolean()) block(this::setting); }
            case 7 -> { tok("timer"); tok("irq"); list(); }
            case 8 -> device();
            default -> { tok("hypervisor"); block(this::setting); }
        }
        if (kind != 5 && kind != 6 && kind != 9) semi(); // the grammar has no `;` after those blocks
    }

    private void device() {
        tok("device"); name(); str(); tok("@"); number(); tok("size"); number();
        if (random.nextBoolean()) { tok("irq"); if (random.nextBoolean()) number(); else list(); }
        if (random.nextBoolean()) block(this::deviceItem);
    }

    private void deviceItem() {
        switch (random.nextInt(4)) {
            case 0 -> { tok("dt-path"); str(); }
            case 1 -> tok("dma");
            case 2 -> { tok("iommu"); name(); if (random.nextBoolean()) { tok("stream"); number(); } }
            default -> { tok("property"); str(); if (random.nextBoolean()) value(); }
        }
        semi();
    }

    private void setting() {
        name();
        settingValue();
    }

    /** A virtio device's setting: not named `console`, a word that starts a VM statement (SettingBlocks). */
    private void virtioSetting() {
        modifier();
        settingValue();
    }

    private void settingValue() {
        if (random.nextBoolean()) { tok("@"); number(); if (random.nextBoolean()) { tok("size"); number(); } }
        else value();
        semi();
    }

    private void system() {
        tok("system"); name(); tok("for"); name();
        if (random.nextBoolean()) { tok(","); name(); }
        tok("{");
        for (int i = random.nextInt(4); i > 0; i--) {
            switch (random.nextInt(4)) {
                case 0 -> vm();
                case 1 -> shared();
                case 2 -> consoleTo();
                default -> {
                    tok("on"); name(); tok("{");
                    switch (random.nextInt(3)) {
                        case 0 -> vm();
                        case 1 -> shared();
                        default -> consoleTo();
                    }
                    tok("}");
                }
            }
        }
        tok("}");
    }

    private void consoleTo() {
        tok("console"); tok("to"); name(); semi();
    }

    private void vm() {
        tok("vm"); name();
        if (random.nextBoolean()) { tok(":"); name(); if (random.nextBoolean()) modifier(); }
        block(this::vmItem);
    }

    private void vmItem() {
        switch (random.nextInt(10)) {
            case 9 -> { tok("passthrough"); tok("@"); number(); tok("size"); number(); if (random.nextBoolean()) { tok("at"); tok("pa"); number(); } }
            case 0 -> { tok("cpus"); list(); }
            case 1 -> { tok("memory"); tok("@"); number(); tok("size"); number(); if (random.nextBoolean()) { tok("at"); tok("pa"); number(); } }
            case 2 -> { tok("kernel"); str(); tok("@"); number(); if (random.nextBoolean()) { tok("entry"); number(); } }
            case 3 -> { tok("initrd"); str(); tok("@"); number(); }
            case 4 -> { tok("dtb"); tok("@"); number(); }
            case 5 -> { tok("bootargs"); str(); }
            case 6 -> { tok("passthrough"); name(); if (random.nextBoolean()) { tok("@"); number(); } }
            case 7 -> {
                tok("virtio"); name(); tok("@"); number(); if (random.nextBoolean()) { tok("size"); number(); } tok("irq"); number();
                if (random.nextBoolean()) block(this::virtioSetting);
            }
            default -> { tok("console"); tok("@"); number(); }
        }
        semi();
    }

    private void shared() {
        tok("shared"); name(); tok("size"); number();
        if (random.nextBoolean()) { tok("at"); tok("pa"); number(); }
        block(() -> { name(); tok("@"); number(); tok(random.nextBoolean() ? "rw" : "ro"); semi(); });
    }

    private void block(Runnable item) {
        tok("{");
        for (int i = random.nextInt(4); i > 0; i--) item.run();
        tok("}");
    }

    private void value() {
        switch (random.nextInt(4)) {
            case 0 -> number();
            case 1 -> str();
            case 2 -> list();
            default -> name();
        }
    }

    private void list() {
        tok("[");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) tok(",");
            if (random.nextInt(3) == 0) { number(); tok(".."); number(); } else value();
        }
        if (n > 0 && random.nextInt(4) == 0) tok(",");
        tok("]");
    }

    private void number() {
        switch (random.nextInt(3)) {
            case 0 -> tok(Integer.toString(random.nextInt(5000)));
            case 1 -> tok("0x" + Integer.toHexString(random.nextInt(1 << 20)) + "_000");
            default -> tok("0b" + Integer.toBinaryString(random.nextInt(64)));
        }
        if (random.nextInt(3) == 0) tok(new String[] {"KiB", "MiB", "GiB", "TiB"}[random.nextInt(4)]);
    }

    private void name() { tok(NAMES[random.nextInt(NAMES.length)]); }

    /** A VM modifier, or a virtio setting's name: a name, but not one that starts a VM statement (`console`: Shy.g4's `modifier`). */
    private void modifier() {
        String n;
        do n = NAMES[random.nextInt(NAMES.length)]; while (n.equals("console"));
        tok(n);
    }

    private void str() { tok("\"s" + random.nextInt(100) + (random.nextBoolean() ? " x,y\\\"" : "") + "\""); }

    private void semi() { if (random.nextInt(3) == 0) tok(";"); }

    private void tok(String text) {
        if (out.length() > 0) out.append(GAPS[random.nextInt(GAPS.length)]);
        out.append(text);
    }
}
