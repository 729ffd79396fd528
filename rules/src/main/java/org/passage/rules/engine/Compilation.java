package org.passage.rules.engine;

import java.util.List;
import java.util.Optional;

import org.passage.rules.table.Finding;

/**
 * The result of compiling candidate tables: a ruleset, or the findings that prevent one.
 *
 * @param findings every problem found; empty for a valid ruleset
 * @param ruleset the compiled ruleset, present only when there are no findings
 */
public record Compilation(List<Finding> findings, Optional<Ruleset> ruleset) {

	public Compilation {
		findings = List.copyOf(findings);
	}

	public boolean valid() {
		return this.findings.isEmpty();
	}

	/** The ruleset, or an exception listing the findings. */
	public Ruleset orThrow() {
		return this.ruleset.orElseThrow(() -> new IllegalStateException(
				"Invalid ruleset:\n" + String.join("\n", this.findings.stream().map(Finding::toString).toList())));
	}

}
