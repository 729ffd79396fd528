package org.passage.decisiontables.internal;

import java.util.List;

import org.passage.decisiontables.VersionStatus;
import org.passage.rules.decision.Programme;
import org.passage.rules.engine.Compilation;
import org.passage.rules.engine.RulesetCompiler;
import org.passage.rules.table.TableFile;

/**
 * A ruleset version as stored.
 *
 * @param id its id
 * @param programme the programme it decides
 * @param label its human label
 * @param contentHash SHA-256 of its files, as recorded on each decision
 * @param status where it is in its life
 */
public record StoredRuleset(long id, Programme programme, String label, String contentHash, VersionStatus status) {

	/**
	 * Whether its tables passed validation: every version past DRAFT did, to be submitted
	 * (the shipped tables are validated when the service first starts).
	 */
	public boolean validated() {
		return this.status != VersionStatus.DRAFT;
	}

	/**
	 * Compiles its {@code files}; once it has passed validation, without analysing its
	 * rows again (a version that has made decisions must keep compiling).
	 */
	public Compilation compile(List<TableFile> files) {
		return validated() ? RulesetCompiler.compileValidated(this.programme, this.label, files)
				: RulesetCompiler.compile(this.programme, this.label, files);
	}

}
