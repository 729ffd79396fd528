package org.passage.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;

import org.passage.rules.decision.Component;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.VictimStatus;
import org.passage.rules.table.TableFile;

/** Test fixtures: table files from the class path and inputs with sensible defaults. */
public final class Fixtures {

	private Fixtures() {
	}

	public static TableFile table(String resource) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/" + resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + resource);
			}
			return new TableFile(resource.substring(resource.lastIndexOf('/') + 1), in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A broken fixture with the valid fixture's reason messages beside it. */
	public static List<TableFile> brokenTable(String name) {
		return List.of(table("broken/" + name + ".csv"), table("broken/valid-reasons.csv"));
	}

	/** An identified, consenting, cross-border victim asking for medical help. */
	public static GafInput gaf(Consent consent, String amount) {
		return new GafInput(VictimStatus.IDENTIFIED, true, OtherProgramme.NONE, consent, false, false, false, false,
				EnumSet.of(Component.MEDICAL), new BigDecimal(amount), new BigDecimal("100000"), RiskLevel.LOW, 0);
	}

}
