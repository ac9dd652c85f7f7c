package org.shyperc.cli.cmd;

import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Option values that end up in generated .shy text, checked before anything is written: a
 * value the language cannot hold is a usage error (exit 2), never a file that does not parse
 * or an address that wrapped around.
 */
public final class OptionValues {
    private OptionValues() { }

    /** A name in the .shy grammar (IDENT; keywords match it too). */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_-]*");
    static final long PAGE = 4096;

    /** {@code value} as a .shy name, or a usage error naming {@code option}. */
    public static String name(String value, String option, CommandLine cl) {
        if (!NAME.matcher(value).matches()) {
            throw new CommandLine.ParameterException(cl, option + " `" + value + "` is not a .shy name: a letter or `_`, "
                    + "then letters, digits, `_` and `-`.");
        }
        return value;
    }

    /** A name made from a file name: other characters become `-`, and it starts with a letter. */
    public static String nameFrom(String fileStem) {
        String n = fileStem.replaceAll("[^A-Za-z0-9_-]", "-");
        return n.isEmpty() || !Character.isLetter(n.charAt(0)) && n.charAt(0) != '_' ? "board-" + n : n;
    }

    /** An unsigned 64-bit number, hexadecimal with 0x or decimal, `_` allowed between digits. */
    public static long number(String s, String option, CommandLine cl) {
        String t = s.trim().replace("_", "");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                if (t.length() > 2 + 16) throw new NumberFormatException();
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(cl, option + ": `" + s + "` is not a number below 2^64 "
                    + "(hexadecimal with 0x, or decimal).");
        }
    }

    /** A page-aligned address or size. */
    public static long aligned(long v, String what, String option, CommandLine cl) {
        if ((v & (PAGE - 1)) != 0) {
            throw new CommandLine.ParameterException(cl, option + ": " + what + " 0x" + Long.toHexString(v)
                    + " is not a multiple of 4 KiB (0x1000): stage-2 maps whole pages.");
        }
        return v;
    }

    /** base + size does not pass 2^64 (a range ending exactly there is fine). */
    public static boolean overflows(long base, long size) {
        return size != 0 && Long.compareUnsigned(base, -size) > 0;
    }
}
