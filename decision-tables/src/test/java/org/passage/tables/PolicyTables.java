package org.passage.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.passage.rules.decision.Programme;
import org.passage.rules.engine.Ruleset;
import org.passage.rules.engine.RulesetCompiler;
import org.passage.rules.table.TableFile;

/**
 * The shipped policy tables, read from this module's folders and compiled as production
 * does.
 */
public final class PolicyTables {

	private PolicyTables() {
	}

	public static Path folder(Programme programme) {
		return Path.of(programme.definition().tableFolder());
	}

	public static List<TableFile> files(Programme programme) {
		try (Stream<Path> paths = Files.list(folder(programme))) {
			return paths.filter(path -> path.toString().endsWith(".xlsx")).sorted().map(PolicyTables::read).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static Ruleset compile(Programme programme) {
		return RulesetCompiler.compile(programme, folder(programme) + " v1", files(programme)).orThrow();
	}

	static TableFile read(Path path) {
		try {
			return new TableFile(path.getFileName().toString(), Files.readAllBytes(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
