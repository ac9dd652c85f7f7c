package org.shyperc.plan;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component of the Plan that plan.json leaves out while it is null: a field added for a
 * feature a system may not use, so that the plan.json of a system that does not use it stays
 * byte for byte what it was before the field existed. Reading a plan.json without it gives null.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface OmittedWhenNull { }
