package org.shyperc.cli.build;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.cli.BoardLibrary;
import org.shyperc.compiler.bind.BoardPath;
import org.shyperc.compiler.lower.Lower;
import org.shyperc.plan.BoardPlan;

/**
 * The boards on the board path that `run` can boot, for a system whose boards QEMU does not
 * model. A board QEMU models is found by its root compatible: QEMU's model of a real board
 * (boards/rpi4-qemu.shy of boards/rpi4.shy) describes the same machine, so it keeps the real
 * board's most specific compatible, which no other board has; a name is only a convention.
 */
public final class QemuBoards {
    private QemuBoards() { }

    /**
     * What to tell a user whose {@code boards} QEMU cannot run: the board on {@code path} that is
     * QEMU's model of one of them, else every board on the path QEMU can run; null when there are none.
     */
    public static String hint(List<BoardPlan> boards, BoardPath path) {
        Map<String, BoardPlan> runnable = runnable(path);
        if (runnable.isEmpty()) return null;
        StringBuilder models = new StringBuilder();
        for (BoardPlan b : boards) {
            for (Map.Entry<String, BoardPlan> q : runnable.entrySet()) {
                if (!models(q.getValue(), b)) continue;
                if (!models.isEmpty()) models.append(' ');
                models.append("The board `").append(q.getKey()).append("` is QEMU's model of `").append(b.name())
                        .append("` (both are compatible `").append(b.compatible().get(0)).append("`): import it with `import board \"")
                        .append(q.getKey()).append("\"` and add `").append(q.getValue().name()).append("` to the system's `for`.");
            }
        }
        if (!models.isEmpty()) return models.toString();
        List<String> names = new ArrayList<>();
        runnable.keySet().forEach(n -> names.add("`" + n + "`"));
        return "The boards on the board path that QEMU can run are " + String.join(", ", names)
                + ": import one with `import board \"NAME\"` and add it to the system's `for`.";
    }

    /** Whether {@code qemu} is QEMU's model of {@code real}: another board of its arch with its most specific compatible. */
    static boolean models(BoardPlan qemu, BoardPlan real) {
        return !qemu.name().equals(real.name()) && qemu.arch() == real.arch() && !qemu.compatible().isEmpty()
                && !real.compatible().isEmpty() && qemu.compatible().get(0).equals(real.compatible().get(0));
    }

    /** The boards on the path QEMU can run, by the name `import board` finds them under, in name order. */
    private static Map<String, BoardPlan> runnable(BoardPath path) {
        Map<String, BoardPlan> out = new LinkedHashMap<>();
        // a board file that does not bind is no candidate; what is wrong with it is not this command's to say
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        for (String name : path.names()) {
            BoardLibrary.Loaded loaded = BoardLibrary.load(name, path, quiet);
            if (loaded.board() == null) continue;
            BoardPlan plan = Lower.board(loaded.board());
            if (QemuCommand.canRun(plan)) out.put(name, plan);
        }
        return out;
    }
}
