package org.passage.decisiontables.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.passage.rules.decision.Programme;
import org.passage.rules.table.TableFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The reference policy v1 tables shipped in the decision-tables module, one folder per
 * programme.
 */
@Component
class ShippedTables {

	private final String location;

	private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

	ShippedTables(@Value("${passage.decision-tables.location}") String location) {
		this.location = location.endsWith("/") ? location : location + "/";
	}

	/**
	 * The folder of a programme's tables, as the rules' programme registry names it:
	 * {@code gaf-eligibility}, {@code hasm-eligibility}, ....
	 */
	static String folder(Programme programme) {
		return programme.definition().tableFolder();
	}

	/** The label shipped tables carry, e.g. {@code gaf-eligibility v1 (shipped)}. */
	static String label(Programme programme) {
		return folder(programme) + " v1 (shipped)";
	}

	List<TableFile> files(Programme programme) {
		try {
			Resource[] resources = this.resolver.getResources(this.location + folder(programme) + "/*.xlsx");
			List<TableFile> files = new ArrayList<>();
			for (Resource resource : Arrays.stream(resources)
				.sorted(Comparator.comparing(r -> String.valueOf(r.getFilename()).toLowerCase(Locale.ROOT)))
				.toList()) {
				try (InputStream in = resource.getInputStream()) {
					files.add(new TableFile(resource.getFilename(), in.readAllBytes()));
				}
			}
			if (files.isEmpty()) {
				throw new IllegalStateException(
						"No decision tables found for " + programme + " under " + this.location + folder(programme));
			}
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
