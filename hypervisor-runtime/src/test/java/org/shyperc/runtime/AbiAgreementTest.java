package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.shyperc.abi.RuntimeLimits;
import org.shyperc.codegen.image.Elf64;

/**
 * The runtime as built agrees with {@link RuntimeLimits}, where the C cannot take a limit from the
 * generated header: the checks estimate images with these numbers, so a runtime that outgrew them
 * would let `check` pass systems whose image the linker then refuses.
 */
class AbiAgreementTest {
    static final Path C = Path.of(System.getProperty("shyperc.root", "..")).resolve("hypervisor-runtime/src/main/c/aarch64");

    @Test
    void theRuntimeFitsTheSizeTheChecksAssume() {
        Elf64 elf = Elf64.parse(RuntimeImages.aarch64Runtime());
        long blobStart = elf.symbol("__blob_start");
        assertTrue(blobStart > 0 && blobStart <= RuntimeLimits.RUNTIME_MAX_SIZE, "the runtime takes 0x"
                + Long.toHexString(blobStart) + " bytes up to its blob; RuntimeLimits.RUNTIME_MAX_SIZE is 0x"
                + Long.toHexString(RuntimeLimits.RUNTIME_MAX_SIZE) + ": raise it (the checks estimate images with it)");
    }

    @Test
    void theAssemblersStackSizeIsTheOneThePoolEstimateUses() throws IOException {
        // asm.h is included by assembly too, so it cannot include the generated C header
        Matcher m = Pattern.compile("(?m)^#define STACK_SIZE (\\d+)$").matcher(Files.readString(C.resolve("asm.h")));
        assertTrue(m.find(), "asm.h defines STACK_SIZE");
        assertEquals(RuntimeLimits.STACK_SIZE, Long.parseLong(m.group(1)));
    }

    @Test
    void theRuntimeNamesTheGeneratedLimitsInsteadOfNumbersOfItsOwn() throws IOException {
        String mm = Files.readString(C.resolve("mm.c"));
        assertTrue(mm.contains("(64 - SHY_IPA_BITS)"), "stage 2's T0SZ comes from SHY_IPA_BITS");
        assertTrue(mm.contains("(64 - SHY_EL2_MAP_BITS)"), "EL2's T0SZ comes from SHY_EL2_MAP_BITS");
        assertTrue(Files.readString(C.resolve("../common/common.h")).contains("#define PAGE_SIZE SHY_PAGE_SIZE"));
    }
}
