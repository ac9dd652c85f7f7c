package org.shyperc.bench;

import org.shyperc.abi.RuntimeLimits;

/**
 * Cache colouring: the stage-2 table memory a VM's RAM costs in the runtime (mm.c), coloured (4 KiB pages:
 * a level-3 table per 2 MiB) against uncoloured (2 MiB blocks where IPA and PA agree modulo 2 MiB), from the
 * same count the image-size check uses ({@link RuntimeLimits#stage2TablePages}). Each VM also has its level-1
 * table (one page), not counted here. {@code ReadbackTest} prints what the runtime really built.
 */
public final class ColourTables {
    private ColourTables() { }

    public static void main(String[] args) {
        long ipa = 0x4000_0000L;
        System.out.println("| RAM | uncoloured: table pages (bytes) | coloured: table pages (bytes) | coloured per MiB of RAM |");
        System.out.println("|---|---|---|---|");
        for (long mib : new long[] {8, 64, 512, 4096}) {
            long size = mib << 20;
            long plain = RuntimeLimits.stage2TablePages(ipa, 0x8000_0000L, size);
            long coloured = RuntimeLimits.stage2ColouredTablePages(ipa, size);
            System.out.printf("| %d MiB | %d (%d KiB) | %d (%d KiB) | %.1f KiB |%n", mib, plain, plain * 4, coloured, coloured * 4,
                    coloured * 4.0 / mib);
        }
    }
}
