package org.shyperc.codegen.fdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.shyperc.codegen.fuzz.Problems;
import org.shyperc.codegen.output.Result;

/**
 * The DTB reader on any bytes: never an exception; a tree, or exactly one FDT error located at a
 * byte offset; and a tree it read survives writing and reading back unchanged. Regression
 * inputs: FdtReaderFuzzTestInputs/blob (QEMU's virt trees, the golden guest trees).
 */
class FdtReaderFuzzTest {
    @FuzzTest
    void blob(byte[] data) {
        Result<Fdt> r = FdtReader.read(data);
        Problems.wellFormed(r, Problems.FDT, "byte 0x");
        if (r.value() == null) {
            assertEquals(1, r.problems().size(), r.problems()::toString);
            return;
        }
        assertTrue(r.problems().isEmpty(), r.problems()::toString);
        byte[] again = FdtWriter.write(r.value());
        Result<Fdt> back = FdtReader.read(again);
        assertEquals(r.value(), back.value(), () -> "written back, the tree reads differently: " + back.problems());
        assertTrue(Arrays.equals(again, FdtWriter.write(back.value())), "writing is not stable");
    }
}
