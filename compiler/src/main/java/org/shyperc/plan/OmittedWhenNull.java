package org.shyperc.plan;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component a writer of the plan (plan.json) leaves out when it is null, rather than writing
 * {@code null}: for what a feature adds, so that a system not using the feature is written exactly
 * as before it existed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface OmittedWhenNull { }
