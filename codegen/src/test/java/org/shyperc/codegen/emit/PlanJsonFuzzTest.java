package org.shyperc.codegen.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.shyperc.codegen.fuzz.Problems;
import org.shyperc.codegen.output.Result;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.Plan;

/**
 * plan.json reading on any bytes: never an exception; a Plan, or one SHY1011 error; and a Plan it
 * read is written and read back unchanged. Regression inputs: PlanJsonFuzzTestInputs/json (the
 * golden plans).
 */
class PlanJsonFuzzTest {

    @FuzzTest
    void json(byte[] data) {
        Result<Plan> r = PlanJson.read(data);
        Problems.wellFormed(r, Set.of(Codes.PLAN_JSON), "plan.json");
        if (r.value() == null) return;
        String written = PlanJson.write(r.value());
        Result<Plan> back = PlanJson.read(written.getBytes(StandardCharsets.UTF_8));
        assertNotNull(back.value(), () -> "plan.json does not read what it wrote: " + back.problems() + "\n" + written);
        assertEquals(r.value(), back.value(), "written and read back, the Plan changed");
        assertEquals(written, PlanJson.write(back.value()), "writing is not stable");
    }
}
