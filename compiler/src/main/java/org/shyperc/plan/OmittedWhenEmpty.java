package org.shyperc.plan;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A list of the Plan that plan.json leaves out while it is empty: a feature added later does not change the
 * plan.json of a system that does not use it (read back, a missing list is an empty one).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface OmittedWhenEmpty { }
