package org.shyperc.dsl.diag;

import org.shyperc.dsl.source.SourceSpan;

/** A second place that takes part in a problem ("the other VM's region is declared here"). */
public record Related(SourceSpan span, String message) { }
